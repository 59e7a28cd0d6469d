import type { AppDeps } from './app-env.ts';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  version: string;
  database: { status: 'ok' | 'down'; error?: string };
  kv: { kind: 'redis' | 'memory'; status: 'ok' | 'down' };
  worker: { status: 'ok' | 'stale' | 'unknown'; last_heartbeat: string | null };
  /** Mailboxes whose IMAP poll fails (their names and errors: admin API and `atum doctor`). */
  mail: { failing_mailboxes: number };
}

/** A worker that has not beaten for this long is reported stale (its cron beats every minute). */
export const WORKER_STALE_AFTER_MS = 3 * 60_000;

/**
 * Checks the database, the key-value store, the worker heartbeat and the mailbox pollers. Only a
 * database outage makes the whole service "down": without Redis, a worker or a working mailbox,
 * requests are still served ("degraded").
 */
export async function readHealth(deps: Pick<AppDeps, 'unscoped' | 'kv' | 'version'>): Promise<Health> {
  const [db, kvOk] = await Promise.all([
    deps.unscoped<{ beat_at: Date | null; failing: number }[]>`
      select (select beat_at from app.worker_heartbeat) as beat_at, app.failing_mailbox_count() as failing`.then(
      (rows) => ({ ok: true as const, beat: rows[0]?.beat_at ?? null, failing: rows[0]?.failing ?? 0 }),
      (err: Error) => ({ ok: false as const, error: err.message }),
    ),
    deps.kv.ping(),
  ]);
  const beat = db.ok ? db.beat : null;
  const worker = !db.ok || !beat ? 'unknown' : Date.now() - beat.getTime() > WORKER_STALE_AFTER_MS ? 'stale' : 'ok';
  return {
    status: !db.ok ? 'down' : kvOk && worker === 'ok' && db.failing === 0 ? 'ok' : 'degraded',
    version: deps.version,
    database: db.ok ? { status: 'ok' } : { status: 'down', error: db.error },
    kv: { kind: deps.kv.kind, status: kvOk ? 'ok' : 'down' },
    worker: { status: worker, last_heartbeat: beat?.toISOString() ?? null },
    mail: { failing_mailboxes: db.ok ? db.failing : 0 },
  };
}
