import { EventEmitter } from 'node:events';
import { run, Logger, parseCrontab, type Runner, type LogLevel, type WorkerEvents } from 'graphile-worker';
import { userOf, type Config } from './config.ts';
import type { Sql } from './db/pool.ts';
import { createKvStore } from './kv/index.ts';
import { taskList } from '#worker/index.ts';
import { CRONTAB } from '#worker/crontab.ts';
import { BackoffPool, ConnectBackoffError, createConnectGate } from './worker/connect-backoff.ts';
import { holdLivenessLock, unlockDeadWorkers, type LivenessLock } from './worker/liveness.ts';

export interface WorkerHandle {
  stop(): Promise<void>;
  /**
   * Whether jobs are being run: one finished (any outcome) within `withinMs`, or the database is
   * unreachable (then nothing can run, and the backoff is the wait). The systemd watchdog is
   * only fed while this holds.
   */
  progressing(withinMs: number): boolean;
}

export interface WorkerOptions {
  workerUrl: string;
  sql: Sql;
  config: Config;
  mailKey: Uint8Array;
  concurrency: number;
  log: (line: string) => void;
  /**
   * The runner stopped on its own (graphile-worker gave up on an error). Default: log it. The
   * process owner should exit non-zero, so that systemd starts a fresh worker.
   */
  onFatal?: (err: Error) => void;
  /** First and longest wait between connection attempts while PostgreSQL refuses or is away. */
  backoff?: { baseMs: number; maxMs: number };
  /**
   * Wait, with the backoff, until PostgreSQL accepts the worker's login, instead of failing the
   * start (the worker-only process: systemd would otherwise restart it every RestartSec).
   */
  waitForDatabase?: boolean;
}

/**
 * Runs graphile-worker. Its queue connection uses the worker role (queue privileges only);
 * tasks use the application-role pool. Signals are ours to handle: stop() is called from the
 * one shutdown sequence and waits for running jobs to finish.
 *
 * It outlives PostgreSQL outages: connections back off (lib/worker/connect-backoff.ts), job
 * releases are retried (patches/graphile-worker+0.17.3.patch), and the jobs of workers that
 * died are freed at start and every minute (lib/worker/liveness.ts).
 *
 * @example
 * const worker = await startWorker({ workerUrl, sql, config, mailKey, concurrency: 4, log });
 */
export async function startWorker(opts: WorkerOptions): Promise<WorkerHandle> {
  // Every connection attempt of graphile-worker goes through the gate: while PostgreSQL is away
  // or refuses the login, at most one attempt per backoff window (up to 60 s), logged once.
  const gate = createConnectGate({ role: userOf(opts.workerUrl), setting: 'WORKER_DATABASE_URL (default: DATABASE_URL with the user atum_worker)', log: opts.log, ...opts.backoff });
  // One connection per concurrent job, graphile-worker's LISTEN, the liveness lock, and one spare.
  const pool = new BackoffPool({ connectionString: opts.workerUrl, max: opts.concurrency + 3, application_name: 'atum-worker' }, gate);
  // An idle client's error (the server restarted) must not crash the process; pg reconnects.
  pool.on('error', (err) => opts.log(`worker database connection lost: ${err.message}`));
  pool.on('connect', (client) => client.on('error', () => {}));
  const logger = new Logger(() => (level: LogLevel, message: string) => {
    if (level === 'error' || level === 'warning') opts.log(`worker ${level}: ${message}`);
  });
  // The worker's own store (the API has another): Redis is shared, memory is per process.
  const kv = createKvStore(opts.config.redisUrl, opts.config.redisPrefix);
  const events: WorkerEvents = new EventEmitter();
  let lastJobDoneAt = Date.now();
  let lastUnreachableAt = 0;
  events.on('job:complete', () => {
    lastJobDoneAt = Date.now();
  });
  // The pool id is what graphile-worker writes into locked_by; a lock named after it tells
  // other workers that this one is alive (lib/worker/liveness.ts).
  let poolId: string | undefined;
  let liveness: LivenessLock | undefined;
  events.on('pool:create', ({ workerPool }) => {
    poolId = workerPool.id;
    liveness = holdLivenessLock(pool, workerPool.id);
  });
  let runner: Runner;
  try {
    if (opts.waitForDatabase) await firstConnection(pool);
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
      events,
    });
    // Beat once now, so health reports a live worker without waiting for the first minute.
    await runner.addJob('heartbeat', {}, { jobKey: 'heartbeat', maxAttempts: 1 });
  } catch (err) {
    await liveness?.release();
    await pool.end();
    await kv.close();
    throw err;
  }
  // Jobs a killed worker held would wait graphile-worker's 4-hour lock expiry: free them now
  // (a restarted worker frees its predecessor's at once) and every minute.
  const sweep = async () => {
    const freed = await unlockDeadWorkers(pool, poolId ? [poolId] : []).catch(() => []); // PostgreSQL away: the gate says so
    if (freed.length) opts.log(`worker: unlocked the jobs of ${freed.length} worker(s) that are gone (${freed.join(', ')}); they run again now`);
  };
  await sweep();
  const sweepTimer = setInterval(() => void sweep(), 60_000);
  let stopping = false;
  // The runner stops itself when graphile-worker gives up; its promise then rejects, and an
  // unobserved rejection would end the process with no word of why.
  runner.promise.then(
    () => {
      if (!stopping) (opts.onFatal ?? ((err) => opts.log(err.message)))(new Error('the worker stopped on its own'));
    },
    (err: unknown) => {
      const error = err instanceof Error ? err : new Error(String(err));
      if (!stopping) (opts.onFatal ?? ((e) => opts.log(`worker stopped: ${e.message}`)))(error);
    },
  );
  return {
    async stop() {
      stopping = true;
      clearInterval(sweepTimer);
      await runner.stop().catch((err: Error) => opts.log(`worker stopped with an error: ${err.message}`));
      await liveness?.release();
      await pool.end();
      await kv.close();
    },
    progressing(withinMs) {
      const now = Date.now();
      if (gate.failures > 0) lastUnreachableAt = now;
      return now - Math.max(lastJobDoneAt, lastUnreachableAt) < withinMs;
    },
  };
}

/** Returns once the pool has connected, trying again as its backoff allows. */
async function firstConnection(pool: BackoffPool): Promise<void> {
  for (;;) {
    try {
      (await pool.connect()).release();
      return;
    } catch (err) {
      const wait = err instanceof ConnectBackoffError ? err.retryInMs : 0;
      await new Promise((resolve) => setTimeout(resolve, wait + 10));
    }
  }
}
