import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPool, type Sql } from '#lib/db/pool.ts';
import { startOwnCluster, type OwnCluster } from './helpers/own-cluster.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';
import { spawnWorker, type WorkerProcess } from './helpers/worker-process.ts';

/**
 * Fault 2 of issue 13: the worker rides out a PostgreSQL outage. The cluster is this file's
 * own (stopping the shared one would break every other test file), and the worker is the real
 * `atum worker` process, so that a crash shows as an exit.
 */
const MAILS = 150;
let pg: OwnCluster;
let smtp: SmtpSink;
let owner: Sql;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  [pg, smtp] = await Promise.all([startOwnCluster(), startSmtpSink()]);
  owner = createPool(pg.ownerUrl, { max: 2, applicationName: 'atum-test-owner' });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await owner?.end({ timeout: 1 });
  await smtp?.close();
  await pg?.close();
});

/** Queues `count` system mails (no mailbox: they go out through SMTP_URL), each with its own subject. */
async function queueMails(count: number): Promise<void> {
  const [org] = await owner<{ id: string }[]>`insert into organizations (slug, name) values ('outage', 'Outage Co') returning id`;
  await owner.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${org!.id}, true)`;
    await tx`
      insert into outbox (org_id, kind, to_address, subject, body_text)
      select ${org!.id}, 'system', 'n' || i || '@customer.test', 'Mail ' || i, 'Body ' || i from generate_series(1, ${count}) i`;
  });
}

const subjects = () => smtp.mails.map((m) => m.headers.get('subject') ?? '');

describe('the worker and a PostgreSQL outage', () => {
  it('stays up through a 10-second stop of the cluster while mail-send jobs run, then sends every mail exactly once', async () => {
    worker = await spawnWorker({
      DATABASE_URL: pg.appUrl,
      WORKER_DATABASE_URL: pg.workerUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'ATUM DESK <desk@atum.test>',
      WORKER_CONCURRENCY: '4',
    });
    await vi.waitFor(() => expect(worker!.output()).toContain('worker is running'), { timeout: 60_000, interval: 100 });
    await queueMails(MAILS);
    // Stop the cluster in the middle of the sending.
    await vi.waitFor(() => expect(smtp.mails.length).toBeGreaterThanOrEqual(10), { timeout: 30_000, interval: 10 });
    await owner.end({ timeout: 1 });
    await pg.stop();
    const sentBefore = smtp.mails.length;
    expect(sentBefore, 'the outage must begin before the last mail').toBeLessThan(MAILS);
    const restartAt = Date.now() + 10_000;
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThanOrEqual(restartAt), { timeout: 15_000, interval: 200 });
    expect(worker.exit(), `the worker exited during the outage:\n${worker.output().slice(-3000)}`).toBeNull();
    await pg.start();
    owner = createPool(pg.ownerUrl, { max: 2, applicationName: 'atum-test-owner' });

    await vi.waitFor(
      () => {
        expect(worker!.exit(), `the worker exited:\n${worker!.output().slice(-3000)}`).toBeNull();
        expect(new Set(subjects()).size).toBe(MAILS);
      },
      { timeout: 120_000, interval: 250 },
    );
    const counts = new Map<string, number>();
    for (const s of subjects()) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect(
      [...counts.entries()].filter(([, n]) => n !== 1),
      'mails sent more than once',
    ).toEqual([]);
    // Its jobs resumed: the queue drains (a row whose confirmation the outage cut stays "sending"
    // and is never re-sent; its job ends without sending).
    await vi.waitFor(
      async () => {
        const [row] = await owner<{ left: number }[]>`select count(*)::int as left from graphile_worker.jobs where task_identifier = 'mail-send'`;
        expect(row!.left).toBe(0);
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(worker.exit()).toBeNull();
    expect(worker.output()).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
    // And it still stops cleanly.
    await worker.stop();
    expect(worker.exit(), worker.output().slice(-3000)).toEqual({ code: 0, signal: null });
  }, 300_000);
});
