import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPool, type Sql } from '#lib/db/pool.ts';
import { startOwnCluster, type OwnCluster } from './helpers/own-cluster.ts';
import { spawnWorker, type WorkerProcess } from './helpers/worker-process.ts';

/**
 * Fault 2 of issue 13: a worker whose role's password changed under it retried about 7 times a
 * second, 440 failed logins a minute in PostgreSQL's log. Roles belong to the whole cluster, so
 * this file changes a password on a cluster of its own.
 */
let pg: OwnCluster;
let owner: Sql;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  pg = await startOwnCluster();
  owner = createPool(pg.ownerUrl, { max: 1, applicationName: 'atum-test-owner' });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await owner?.end({ timeout: 1 });
  await pg?.close();
});

const failedLogins = async () => ((await pg.log()).match(/password authentication failed for user "atum_worker"/g) ?? []).length;
const refusalLines = () =>
  worker!
    .output()
    .split('\n')
    .filter((l) => l.includes('refused the worker\'s login as role "atum_worker"'));

describe('a worker whose database password changed', () => {
  it('backs off its logins (a handful in 20 s, not 140) and says once which role failed and what to check', async () => {
    worker = await spawnWorker({ DATABASE_URL: pg.appUrl, WORKER_DATABASE_URL: pg.workerUrl, WORKER_CONCURRENCY: '4' });
    await vi.waitFor(() => expect(worker!.output()).toContain('worker is running'), { timeout: 60_000, interval: 100 });

    await owner`alter role atum_worker password 'changed-behind-its-back'`;
    await owner`select pg_terminate_backend(pid) from pg_stat_activity where usename = 'atum_worker'`;
    const before = await failedLogins();
    const windowEnd = Date.now() + 20_000;
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThanOrEqual(windowEnd), { timeout: 25_000, interval: 500 });
    const attempts = (await failedLogins()) - before;

    expect(worker.exit(), worker.output().slice(-2000)).toBeNull();
    // 0.5 s doubling: attempts at about 0, 0.5, 1.5, 3.5, 7.5 and 15.5 s.
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(8);
    expect(refusalLines()).toHaveLength(1);
    expect(refusalLines()[0]).toContain('WORKER_DATABASE_URL');
    expect(refusalLines()[0]).toContain('password');

    // Fixed, the worker signs in again at its next attempt (the backoff is then at most 32 s).
    await owner`alter role atum_worker password 'atum-own'`;
    await vi.waitFor(() => expect(worker!.output()).toContain('connected to PostgreSQL as role "atum_worker" again'), { timeout: 70_000, interval: 250 });
    expect(refusalLines()).toHaveLength(1);
  }, 180_000);

  it('started with the wrong password, waits with the same backoff instead of exiting, and starts once it is right', async () => {
    await worker?.stop();
    await owner`alter role atum_worker password 'changed-again'`;
    const before = await failedLogins();
    worker = await spawnWorker({ DATABASE_URL: pg.appUrl, WORKER_DATABASE_URL: pg.workerUrl, WORKER_CONCURRENCY: '4' });
    await vi.waitFor(() => expect(refusalLines()).toHaveLength(1), { timeout: 60_000, interval: 100 });
    const windowEnd = Date.now() + 10_000;
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThanOrEqual(windowEnd), { timeout: 15_000, interval: 500 });
    expect(worker.exit(), worker.output().slice(-2000)).toBeNull();
    expect((await failedLogins()) - before).toBeLessThanOrEqual(7);
    expect(worker.output()).not.toContain('worker is running');

    await owner`alter role atum_worker password 'atum-own'`;
    await vi.waitFor(() => expect(worker!.output()).toContain('worker is running'), { timeout: 60_000, interval: 250 });
    expect(refusalLines()).toHaveLength(1);
  }, 120_000);
});
