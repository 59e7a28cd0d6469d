import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { Logger, run } from 'graphile-worker';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { useTestApp } from './helpers/app.ts';

const FIX = 'run `npx patch-package` (npm ci runs it as postinstall) so that patches/graphile-worker+0.17.3.patch is applied';

/**
 * graphile-worker 0.17.3 marks a job failed (or done) without awaiting the query, so when that
 * query failed (the database went away) the rejection was unhandled and ended the process
 * (issue 13, fault 2). patches/graphile-worker+0.17.3.patch retries it until it lands.
 */
const t = useTestApp();

/** A pool whose connections fail graphile-worker's fail-job query the first `failures.left` times. */
function failJobFlakyPool(connectionString: string, failures: { left: number }): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = function flakyQuery(...args) {
      const config = args[0];
      const text = typeof config === 'string' ? config : ((config as { text?: string }).text ?? '');
      if (text.includes("last_error = (el->>'message')") && failures.left > 0) {
        failures.left--;
        return Promise.reject(new Error('Connection terminated unexpectedly'));
      }
      return query(...args);
    };
  });
  return pool;
}

const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

describe('the patched graphile-worker', () => {
  it('is the patched one', async () => {
    const text = await readFile('node_modules/graphile-worker/dist/main.js', 'utf8');
    expect(text, FIX).toContain('const releaseWithRetries = (opName, jobIds, call) =>');
  });

  it('retries marking a failed job until the query lands, instead of an unhandled rejection', async () => {
    const failures = { left: 3 };
    const pool = failJobFlakyPool(t.db.workerUrl, failures);
    pools.push(pool);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const runner = await run({
      pgPool: pool,
      // Fails once; a retry (about 3 s later) succeeds, so the row holds still to be read.
      taskList: { boom: async (_payload, helpers) => (helpers.job.attempts === 1 ? Promise.reject(new Error('boom')) : undefined) },
      parsedCronItems: [],
      concurrency: 1,
      noHandleSignals: true,
      pollInterval: 100,
      logger: new Logger(() => () => {}),
    });
    try {
      const job = await runner.addJob('boom', {}, { maxAttempts: 5 });
      await vi.waitFor(
        async () => {
          const rows = await t.owner<{ attempts: number; last_error: string | null; locked_at: Date | null }[]>`
          select attempts, last_error, locked_at from graphile_worker.jobs where id = ${job.id}`;
          expect(rows[0]).toMatchObject({ attempts: 1, last_error: 'boom', locked_at: null });
        },
        { timeout: 15_000, interval: 50 },
      );
      expect(failures.left, 'the fail-job query failed three times first').toBe(0);
      expect(unhandled, FIX).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await runner.stop();
    }
  }, 30_000);
});
