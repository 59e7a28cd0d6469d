import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWorker } from '#lib/worker.ts';
import { startWatchdog } from '#lib/worker/watchdog.ts';
import { useTestApp } from './helpers/app.ts';
import { fakeNotifySocket, type FakeNotifySocket } from './helpers/notify-socket.ts';
import { spawnWorker, type WorkerProcess } from './helpers/worker-process.ts';

/**
 * "The worker died silently" (issue 13): atum-worker.service is Type=notify with WatchdogSec, so
 * a hung worker is restarted, not only a crashed one. The messages go to a fake NOTIFY_SOCKET
 * through the real systemd-notify.
 */
const t = useTestApp();
let socket: FakeNotifySocket;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  socket = await fakeNotifySocket();
});

afterAll(async () => {
  await worker?.stop();
  await socket?.close();
});

const count = (message: string) => socket.messages.filter((m) => m === message).length;

describe('the systemd watchdog', () => {
  it('the real worker process says READY=1 once it runs, then feeds the watchdog', async () => {
    socket.messages.length = 0;
    worker = await spawnWorker({ DATABASE_URL: t.db.appUrl, WORKER_DATABASE_URL: t.db.workerUrl, NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '400000' });
    await vi.waitFor(
      () => {
        expect(worker!.exit(), worker!.output()).toBeNull();
        expect(count('READY=1')).toBe(1);
        expect(count('WATCHDOG=1')).toBeGreaterThanOrEqual(3);
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(socket.messages.indexOf('READY=1')).toBeLessThan(socket.messages.indexOf('WATCHDOG=1'));
    // SIGTERM: the jobs finish, the pools close, the process ends cleanly.
    await worker.stop();
    expect(worker.exit(), worker.output()).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('stopped');
    worker = undefined;
  }, 90_000);

  it('pings only while the worker is not stalled, says why it stopped, and resumes', async () => {
    socket.messages.length = 0;
    let stalled: string | null = null;
    const lines: string[] = [];
    const watchdog = startWatchdog({ env: { PATH: process.env.PATH, NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '200000' }, stalled: () => stalled, log: (l) => lines.push(l) });
    try {
      await watchdog.ready();
      await vi.waitFor(() => expect(count('WATCHDOG=1')).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 20 });

      stalled = 'no job has finished for 5 minutes';
      await vi.waitFor(() => expect(count('STATUS=stalled: no job has finished for 5 minutes')).toBe(1), { timeout: 10_000, interval: 20 });
      const fed = count('WATCHDOG=1');
      // Ten ping intervals (100 ms each) pass without a ping.
      const until = Date.now() + 1_000;
      await vi.waitFor(() => expect(Date.now()).toBeGreaterThanOrEqual(until), { timeout: 5_000, interval: 50 });
      expect(count('WATCHDOG=1')).toBe(fed);
      expect(lines.filter((l) => l.includes('no longer feeding the systemd watchdog'))).toHaveLength(1);

      stalled = null;
      await vi.waitFor(() => expect(count('WATCHDOG=1')).toBeGreaterThan(fed), { timeout: 10_000, interval: 20 });
      expect(lines.some((l) => l.includes('feeding the systemd watchdog again'))).toBe(true);
    } finally {
      watchdog.stop();
    }
  }, 30_000);

  it('does nothing outside systemd (no NOTIFY_SOCKET)', async () => {
    const watchdog = startWatchdog({ env: {}, stalled: () => null, log: () => {}, notify: () => Promise.reject(new Error('must not be called')) });
    await watchdog.ready();
    watchdog.stop();
  });

  it('counts the worker as progressing while jobs finish, and as stalled once none has for the given time', async () => {
    const handle = await startWorker({ workerUrl: t.db.workerUrl, sql: t.deps.unscoped, config: t.deps.config, mailKey: t.deps.mailKey, concurrency: 1, log: () => {} });
    try {
      // The heartbeat job queued at start finishes at once.
      await vi.waitFor(
        async () => {
          const [row] = await t.owner<{ n: number }[]>`select count(*)::int as n from app.worker_heartbeat where beat_at > now() - interval '1 minute'`;
          expect(row!.n).toBe(1);
        },
        { timeout: 20_000, interval: 50 },
      );
      expect(handle.progressing(60_000)).toBe(true);
      await vi.waitFor(() => expect(handle.progressing(300)).toBe(false), { timeout: 5_000, interval: 50 });
      await t.owner`select graphile_worker.add_job('heartbeat', '{}'::json, job_key => 'heartbeat', max_attempts => 1)`;
      await vi.waitFor(() => expect(handle.progressing(300)).toBe(true), { timeout: 10_000, interval: 20 });
    } finally {
      await handle.stop();
    }
  }, 60_000);
});
