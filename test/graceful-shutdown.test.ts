import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';
import { freePort } from './helpers/free-port.ts';

// Issue 13, fault 7 (and the start-up half of fault 8): the real `atum start` process, stopped
// with SIGTERM while keep-alive clients hammer it, an upload is half sent and a live stream is open.
const t = useTestApp();
let owner: Member;
let ticket: number;
let dataDir: string;
let child: ChildProcess | undefined;
let base: string;
const output: string[] = [];

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082', 'hex');

async function until<T>(probe: () => T | Promise<T>, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function get(agent: Agent, urlPath: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request(`${base}${urlPath}`, { agent, headers }, resolve).on('error', reject).end();
  });
}

const exited = () => child!.exitCode !== null || child!.signalCode !== null;

beforeAll(async () => {
  owner = await t.org('shutdown');
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'Big file', body: 'attached' } });
  ticket = ((await res.json()) as { number: number }).number;

  dataDir = await mkdtemp(path.join(tmpdir(), 'atum-shutdown-'));
  await mkdir(path.join(dataDir, 'tmp'));
  const stale = path.join(dataDir, 'tmp', 'upload-left-by-a-crash');
  await writeFile(stale, 'half an upload');
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
  await utimes(stale, twoHoursAgo, twoHoursAgo);

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn('node_modules/.bin/tsx', ['lib/cli/index.ts', 'start', '--api-only'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: t.db.appUrl,
      APP_SECRET: TEST_SECRET,
      PUBLIC_URL: 'http://atum.test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const probe = new Agent();
  await until(
    async () =>
      (await get(probe, '/api/v1/health').then(
        (r) => (r.resume(), r.statusCode === 200),
        () => false,
      )) || exited(),
    'health 200',
    60_000,
  );
  probe.destroy();
  expect(exited(), output.join('')).toBe(false);
}, 90_000);

afterAll(async () => {
  if (child && !exited()) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('atum start', () => {
  it('removes upload temp files a crashed run left behind, at start', async () => {
    expect(await readdir(path.join(dataDir, 'tmp'))).not.toContain('upload-left-by-a-crash');
    expect(output.join('')).toMatch(/removed 1 abandoned upload temp file\(s\)/);
  });

  it('on SIGTERM answers Connection: close, serves no more on kept-alive connections, finishes the upload in flight, then exits at once', async () => {
    // Keep-alive clients, as nginx or a load balancer keeps them: four connections, never idle.
    const sockets = 4;
    const agent = new Agent({ keepAlive: true, maxSockets: sockets });
    let signalled = false;
    const afterSignal: { connection: string | undefined }[] = [];
    let served = 0;
    const loop = async () => {
      for (;;) {
        const res = await get(agent, '/api/v1/health').catch(() => undefined);
        if (!res) return; // refused or cut: the client would go to the other node now
        res.resume();
        served++;
        if (signalled) afterSignal.push({ connection: res.headers.connection });
      }
    };
    const loops = Array.from({ length: sockets }, loop);
    await until(() => served > 20, 'keep-alive load');

    // A live-update stream, open until the server ends it.
    const stream = await get(new Agent(), '/app/events', { authorization: owner.auth, accept: 'text/event-stream' });
    expect(stream.statusCode).toBe(200);
    const streamEnded = new Promise<void>((resolve) => {
      stream
        .on('close', resolve)
        .on('end', resolve)
        .on('error', () => resolve());
      stream.resume();
    });

    // An upload, half sent: the request is in flight when the signal comes.
    const boundary = 'shutdownboundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
    const file = Buffer.concat([PNG, Buffer.alloc(512 * 1024, 7)]);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    let upload!: ClientRequest;
    const uploaded = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      upload = request(
        `${base}/api/v1/tickets/${ticket}/attachments`,
        {
          method: 'POST',
          agent: new Agent({ keepAlive: true }),
          headers: { authorization: owner.auth, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + file.length + tail.length) },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString())).on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
        },
      );
      upload.on('error', reject);
    });
    upload.write(Buffer.concat([head, file.subarray(0, 256 * 1024)]));
    await until(async () => (await readdir(path.join(dataDir, 'tmp'))).some((n) => n.startsWith('upload-')), 'the upload reaching the server');

    child!.kill('SIGTERM');
    await until(() => output.join('').includes('SIGTERM: shutting down'), 'the SIGTERM log line');
    signalled = true;

    // Under load, the kept-alive connections are let go: at most the request each had in flight
    // is answered, with Connection: close, and then nothing more is served.
    const stopped = await Promise.race([Promise.all(loops).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
    expect(stopped, `${afterSignal.length} requests served on kept-alive connections within 3 s of SIGTERM, and still going`).toBe(true);
    expect(afterSignal.length).toBeLessThanOrEqual(2 * sockets);
    expect(afterSignal.filter((r) => r.connection !== 'close').length).toBeLessThanOrEqual(sockets);
    await until(() => streamEnded.then(() => true), 'the live stream to end', 3000);
    expect(exited()).toBe(false); // the upload is still in flight

    const finishing = Date.now();
    upload.end(Buffer.concat([file.subarray(256 * 1024), tail]));
    const answer = await uploaded;
    expect(answer.status, answer.body).toBe(201);
    expect(answer.connection).toBe('close');
    const [stored] = await t.owner<{ size: string }[]>`select size from attachments where org_id = ${owner.orgId} and ticket_number = ${ticket}`;
    expect(Number(stored?.size)).toBe(file.length);

    await until(exited, 'the process to exit', 5000);
    expect(Date.now() - finishing).toBeLessThan(5000);
    expect(child!.exitCode, output.join('')).toBe(0);
    expect(output.join('')).not.toMatch(/cutting \d+ request/);
    agent.destroy();
  }, 60_000);
});
