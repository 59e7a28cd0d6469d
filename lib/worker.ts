import pg from 'pg';
import { run, Logger, parseCrontab, type Runner, type LogLevel } from 'graphile-worker';
import type { Config } from './config.ts';
import type { Sql } from './db/pool.ts';
import { createKvStore } from './kv/index.ts';
import { taskList } from '../worker/index.ts';
import { CRONTAB } from '../worker/crontab.ts';

export interface WorkerHandle {
  stop(): Promise<void>;
}

/**
 * Runs graphile-worker. Its queue connection uses the worker role (queue privileges only);
 * tasks use the application-role pool. Signals are ours to handle: stop() is called from the
 * one shutdown sequence and waits for running jobs to finish.
 *
 * @example
 * const worker = await startWorker({ workerUrl, sql, config, mailKey, concurrency: 4, log });
 */
export async function startWorker(opts: { workerUrl: string; sql: Sql; config: Config; mailKey: Uint8Array; concurrency: number; log: (line: string) => void }): Promise<WorkerHandle> {
  const pool = new pg.Pool({ connectionString: opts.workerUrl, max: opts.concurrency + 2, application_name: 'atum-worker' });
  // An idle client's error (the server restarted) must not crash the process; pg reconnects.
  pool.on('error', (err) => opts.log(`worker database connection lost: ${err.message}`));
  pool.on('connect', (client) => client.on('error', () => {}));
  const logger = new Logger(() => (level: LogLevel, message: string) => {
    if (level === 'error' || level === 'warning') opts.log(`worker ${level}: ${message}`);
  });
  // The worker's own store (the API has another): Redis is shared, memory is per process.
  const kv = createKvStore(opts.config.redisUrl);
  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      taskList: taskList({ sql: opts.sql, config: opts.config, mailKey: opts.mailKey, kv, log: opts.log }),
      parsedCronItems: parseCrontab(CRONTAB),
      concurrency: opts.concurrency,
      noHandleSignals: true,
      // SLA breach jobs are scheduled for an exact moment; a future job is found by polling, so
      // this bounds how late a breach is recorded (jobs due now are announced by NOTIFY). An idle
      // poll is one indexed query.
      pollInterval: 500,
      logger,
    });
    // Beat once now, so health reports a live worker without waiting for the first minute.
    await runner.addJob('heartbeat', {}, { jobKey: 'heartbeat', maxAttempts: 1 });
  } catch (err) {
    await pool.end();
    await kv.close();
    throw err;
  }
  return {
    async stop() {
      await runner.stop();
      await pool.end();
      await kv.close();
    },
  };
}
