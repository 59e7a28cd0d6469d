import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port.ts';

export interface OwnRedis {
  port: number;
  url: string;
  /** Kills the server (SIGKILL, as a crash) and waits until its port refuses connections. */
  kill(): Promise<void>;
  /** Starts it again on the same port (if it is not running) and waits until it accepts connections. */
  start(): Promise<void>;
}

/**
 * A redis-server child process of this test file alone, on a free port, with no persistence:
 * a fault test breaks this one, never the machine's shared Redis on 6379.
 *
 * @example
 * const redis = await startOwnRedis();
 * await redis.kill(); // ... assert the outage ...
 * await redis.start();
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const own: OwnRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await until(() => accepts(port), true);
    },
    async kill() {
      const running = child && child.exitCode === null && child.signalCode === null;
      const exited = running ? new Promise((r) => child!.once('exit', r)) : Promise.resolve();
      child?.kill('SIGKILL');
      await exited;
      await until(() => accepts(port), false);
    },
  };
  await own.start();
  return own;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(probe: () => Promise<boolean>, wanted: boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while ((await probe()) !== wanted) {
    if (Date.now() > end) throw new Error(`redis-server did not ${wanted ? 'start' : 'stop'} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
