import type { Task } from 'graphile-worker';
import { SERVICE, withTenant, asSystem } from '#lib/db/tenant.ts';
import { markPossiblySent } from '#lib/mail/outbound/deliver.ts';
import type { WorkerDeps } from './deps.ts';

/**
 * The outbox's safety net, every few minutes: a row stuck in `sending` past
 * MAIL_SENDING_TIMEOUT_MINUTES is marked `unknown` (possibly sent, never re-sent, see
 * lib/mail/outbound/deliver.ts), and a queued row well past its time gets its job again, in
 * case one was lost. Visits only orgs that have such rows.
 */
export function mailSendSweep(deps: WorkerDeps): Task {
  return async function mailSendSweepTask(_payload, helpers) {
    const timeout = `${deps.config.mail.sendingTimeoutMinutes} minutes`;
    const orgs = await withTenant(deps.sql, SERVICE, (tx) => tx<{ id: string }[]>`select app.mail_outbox_attention(${timeout}::interval) as id`);
    for (const { id: orgId } of orgs) {
      await withTenant(deps.sql, asSystem(orgId), async (tx) => {
        for (const row of await markPossiblySent(tx, deps.config, null)) {
          helpers.logger.warn(`mail-send-sweep: outbox ${row.id} (org ${orgId}, Message-ID ${row.message_id}) possibly sent; not re-sent`);
        }
        // Touching next_attempt_at fires the outbox trigger, which enqueues the row's job (by its key, so never twice).
        const requeued = await tx`
          update outbox set next_attempt_at = now() where state = 'queued' and next_attempt_at < now() - interval '5 minutes' returning id`;
        if (requeued.length) helpers.logger.info(`mail-send-sweep: ${requeued.length} queued message(s) of org ${orgId} enqueued again`);
      });
    }
  };
}
