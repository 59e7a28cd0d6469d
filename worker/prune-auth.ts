import type { Task } from 'graphile-worker';
import { SERVICE, withTenant } from '#lib/db/tenant.ts';
import type { WorkerDeps } from './deps.ts';

/** Ended sessions (and their spent refresh tokens) are kept this long for the session lists and audits. */
export const ENDED_SESSION_RETENTION_DAYS = 30;

/**
 * Deletes what sign-in leaves behind once it can no longer matter: sessions that ended (revoked
 * or expired) more than 30 days ago, with their refresh tokens, reset links a day past their
 * expiry, and Idempotency-Keys older than their 24 hours. Visits one org at a time under its own tenant context. Safe to run twice.
 */
export function pruneAuth(deps: Pick<WorkerDeps, 'sql'>): Task {
  return async function pruneAuthTask(_payload, helpers) {
    const orgs = await withTenant(deps.sql, SERVICE, (tx) => tx<{ id: string }[]>`select app.org_ids() as id`);
    let sessions = 0;
    let resets = 0;
    for (const { id } of orgs) {
      await withTenant(deps.sql, { orgId: id, userId: null, role: null }, async (tx) => {
        const ended = await tx`
          delete from sessions
          where coalesce(revoked_at, expires_at) < now() - make_interval(days => ${ENDED_SESSION_RETENTION_DAYS})
          returning 1`;
        const expired = await tx`delete from password_resets where expires_at < now() - interval '1 day' returning 1`;
        await tx`delete from idempotency_keys where created_at < now() - interval '24 hours'`;
        sessions += ended.length;
        resets += expired.length;
      });
    }
    helpers.logger.info(`prune-auth: ${orgs.length} orgs, ${sessions} ended sessions and ${resets} reset links deleted`);
  };
}
