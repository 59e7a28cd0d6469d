import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What systemd does with NOTIFY_SOCKET, as far as a test needs: a unix datagram socket that
 * records each message and closes the file descriptor a BARRIER=1 carries (systemd-notify waits
 * for that). Node has no unix datagram sockets, so a small python3 process listens.
 */
const RECEIVER = `
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("LISTENING", flush=True)
while True:
    data, anc, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(16 * 4))
    for level, kind, payload in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            for i in range(0, len(payload) - len(payload) % 4, 4):
                os.close(int.from_bytes(payload[i:i + 4], sys.byteorder))
    print(data.decode().replace("\\n", " ").strip(), flush=True)
`;

export interface FakeNotifySocket {
  path: string;
  /** Every message received, in order (BARRIER=1 included). */
  messages: string[];
  close(): Promise<void>;
}

export async function fakeNotifySocket(): Promise<FakeNotifySocket> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atum-notify-'));
  const socketPath = path.join(dir, 'notify.sock');
  const child = spawn('python3', ['-c', RECEIVER, socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: string[] = [];
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the notify socket receiver exited (${code})`)));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'LISTENING') resolve();
        else messages.push(line);
      }
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    path: socketPath,
    messages,
    async close() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
