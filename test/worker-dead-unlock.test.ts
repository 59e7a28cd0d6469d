import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestApp } from './helpers/app.ts';
import { freePort } from './helpers/free-port.ts';
import { spawnWorker, type WorkerProcess } from './helpers/worker-process.ts';

/**
 * Issue 13: jobs locked by a killed worker waited graphile-worker's 4-hour lock expiry. A
 * worker that starts (and each worker every minute) frees the jobs of workers that are gone,
 * and leaves a live worker's alone.
 */
const t = useTestApp();
// An SMTP server that accepts and never greets: a mail-send job hangs there (locked) for 30 s.
const sockets = new Set<Socket>();
let smtp: Server;
let smtpPort: number;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  smtpPort = await freePort();
  smtp = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function worker(): Promise<WorkerProcess> {
  const w = await spawnWorker({ DATABASE_URL: t.db.appUrl, WORKER_DATABASE_URL: t.db.workerUrl, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'desk@atum.test', WORKER_CONCURRENCY: '1' });
  workers.push(w);
  await vi.waitFor(() => expect(w.output()).toContain('worker is running'), { timeout: 60_000, interval: 100 });
  return w;
}

const mailJob = async () => {
  const [row] = await t.owner<{ id: string; locked_by: string | null }[]>`select id::text, locked_by from graphile_worker.jobs where task_identifier = 'mail-send'`;
  return row;
};

describe('jobs of a worker that is gone', () => {
  it('are freed when a worker starts, while a live worker keeps its own', async () => {
    const first = await worker();
    const org = await t.org('unlock-co');
    await t.owner.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${org.orgId}, true)`;
      await tx`insert into outbox (org_id, kind, to_address, subject, body_text) values (${org.orgId}, 'system', 'cara@customer.test', 'Hello', 'Hi')`;
    });
    await vi.waitFor(async () => expect((await mailJob())?.locked_by).toBeTruthy(), { timeout: 20_000, interval: 50 });
    const holder = (await mailJob())!.locked_by!;
    // As if it had been running for two minutes: past the grace a starting worker gets.
    await t.owner`update graphile_worker._private_jobs set locked_at = now() - interval '2 minutes' where locked_by = ${holder}`;

    // A second worker starts while the first lives: the job stays the first one's.
    const second = await worker();
    expect((await mailJob())?.locked_by).toBe(holder);
    expect(second.output()).not.toContain('unlocked the jobs');

    // The first is killed (no shutdown): a third worker frees its job at start.
    await first.kill();
    const third = await worker();
    expect(third.output()).toContain(`unlocked the jobs of 1 worker(s) that are gone (${holder})`);
    await vi.waitFor(async () => expect((await mailJob())?.locked_by ?? null).not.toBe(holder), { timeout: 20_000, interval: 100 });
  }, 180_000);
});
