import type pg from 'pg';

/** Advisory lock class of worker liveness locks ("ATMW"); the object id is hashtext(pool id). */
const LIVENESS_CLASS = 0x41544d57;

/**
 * A worker that locked its newest job this recently counts as alive whatever its lock says: it
 * may have started a moment ago and not yet taken its liveness lock, or be taking it again after
 * a database restart.
 */
const GRACE_SECONDS = 60;

export interface LivenessLock {
  release(): Promise<void>;
}

/**
 * Holds, for the life of this process, a session advisory lock named after its graphile-worker
 * pool id (the `locked_by` of the jobs it runs). PostgreSQL drops the lock with the session, so
 * a killed or crashed worker's lock is gone at once while a live one's (even a busy or hung one)
 * stays: that tells the dead from the living without graphile-worker's 4-hour lock expiry. After
 * a lost connection the lock is taken again (the connection gate paces the attempts).
 *
 * @example
 * const lock = holdLivenessLock(pool, workerPool.id);
 * await lock.release();
 */
export function holdLivenessLock(pool: pg.Pool, poolId: string): LivenessLock {
  let client: pg.PoolClient | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = () => {
    if (!stopped) timer = setTimeout(acquire, 1_000);
  };
  async function acquire(): Promise<void> {
    let c: pg.PoolClient;
    try {
      c = await pool.connect();
    } catch {
      return retry();
    }
    let lost = false;
    const onLost = () => {
      // After release() the session ends on purpose (and pg says so with 'end'): nothing to redo.
      if (lost || stopped) return;
      lost = true;
      if (client === c) client = null;
      c.release(true);
      retry();
    };
    c.on('error', onLost);
    c.on('end', onLost);
    try {
      await c.query('select pg_advisory_lock($1, hashtext($2))', [LIVENESS_CLASS, poolId]);
    } catch {
      return onLost();
    }
    if (stopped) {
      lost = true;
      c.release(true); // closing the session drops the lock
      return;
    }
    client = c;
  }
  void acquire();
  return {
    async release() {
      stopped = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      c?.release(true);
    },
  };
}

/**
 * Frees the jobs (and named queues) locked by workers that are gone: no session holds their
 * liveness lock, and they locked nothing in the last minute. Uses graphile-worker's own
 * force_unlock_workers, meant for exactly this; the jobs run again at once (as after the 4-hour
 * expiry), which every task allows: a job must be safe to run twice. Returns the pool ids freed.
 *
 * @example
 * const freed = await unlockDeadWorkers(pool, [workerPool.id]);
 */
export async function unlockDeadWorkers(pool: pg.Pool, ownPoolIds: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `select id from (
       select locked_by as id, max(locked_at) as newest from (
         select locked_by, locked_at from graphile_worker._private_jobs where locked_by is not null
         union all
         select locked_by, locked_at from graphile_worker._private_job_queues where locked_by is not null
       ) locks
       where locked_by <> all($2::text[])
       group by locked_by
     ) workers
     where newest < now() - make_interval(secs => $3) and pg_try_advisory_xact_lock($1, hashtext(id))`,
    [LIVENESS_CLASS, ownPoolIds, GRACE_SECONDS],
  );
  const dead = rows.map((r) => r.id);
  if (dead.length) await pool.query('select graphile_worker.force_unlock_workers($1::text[])', [dead]);
  return dead;
}
