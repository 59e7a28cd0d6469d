import type { TransactionSql } from '#lib/db/pool.ts';
import { WORKER_STALE_AFTER_MS } from '#lib/health.ts';

/** What an admin is told about the background worker when something is wrong with it. */
export interface WorkerAlert {
  /** Set when the worker has not beaten for longer than health allows: when it last did. */
  staleSince: Date | null;
  /** Jobs of this org (or of the installation) that used up their attempts, per task. */
  deadJobs: { task: string; jobs: number }[];
}

/**
 * The worker's trouble as an org's admins should see it, or null when all is well (or when the
 * worker has never run: health calls that "unknown", and `atum doctor` reports it). Read in the
 * request's tenant transaction; dead jobs come through app.worker_dead_jobs() (sql/021), which
 * sees only this org's and the installation's own jobs.
 *
 * @example
 * const alert = await workerAlert(db); // { staleSince: 2026-12-04T18:01:00Z, deadJobs: [] }
 */
export async function workerAlert(db: TransactionSql): Promise<WorkerAlert | null> {
  const [beat] = await db<{ beat_at: Date; stale: boolean }[]>`
    select beat_at, beat_at < now() - make_interval(secs => ${WORKER_STALE_AFTER_MS / 1000}) as stale from app.worker_heartbeat`;
  const dead = await db<{ task_identifier: string; jobs: number }[]>`select task_identifier, jobs from app.worker_dead_jobs()`;
  const staleSince = beat?.stale ? beat.beat_at : null;
  if (!staleSince && dead.length === 0) return null;
  return { staleSince, deadJobs: dead.map((d) => ({ task: d.task_identifier, jobs: d.jobs })) };
}
