import type { Task } from 'graphile-worker';
import * as v from 'valibot';
import { deliverOutboxRow } from '#lib/mail/outbound/deliver.ts';
import type { WorkerDeps } from './deps.ts';

const Payload = v.object({ org_id: v.pipe(v.string(), v.uuid()), id: v.pipe(v.string(), v.uuid()) });

/**
 * Sends one outbox row (payload: org and row), enqueued by the outbox trigger when the row is
 * queued and again for each retry. SMTP failures are the row's business (retried with backoff,
 * then failed), so they never fail the job; only an unexpected error (the database) does, and
 * graphile-worker retries that. Safe to run twice: only a queued, due row is sent.
 */
export function mailSend(deps: WorkerDeps): Task {
  return async function mailSendTask(payload, helpers) {
    const input = v.parse(Payload, payload);
    const result = await deliverOutboxRow(deps, input.org_id, input.id);
    const what = `mail-send ${input.id} (org ${input.org_id})`;
    if (result.outcome === 'retry') helpers.logger.warn(`${what}: try ${result.attempts} failed, next at ${result.nextAttemptAt.toISOString()}: ${result.error}`);
    else if (result.outcome === 'failed') helpers.logger.error(`${what}: failed after ${result.attempts} tries: ${result.error}`);
    else if (result.outcome === 'possibly_sent') helpers.logger.warn(`${what}: possibly sent (Message-ID ${result.messageId}); not re-sent, see GET /api/v1/mail/outbox?state=unknown`);
  };
}
