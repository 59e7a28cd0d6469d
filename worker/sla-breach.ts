import type { Task } from 'graphile-worker';
import * as v from 'valibot';
import { checkTicketsSla } from '#lib/sla/jobs.ts';
import type { WorkerDeps } from './deps.ts';

export const SlaJobPayload = v.object({ org_id: v.pipe(v.string(), v.uuid()), number: v.number(), metric: v.string() });

/**
 * Runs at a target's due moment (sql/010_sla.sql schedules it with job key
 * `sla-breach:<org>:<ticket>:<metric>`): re-computes the ticket at now, which records the
 * breach, notifies and escalates, unless the target was met, paused or moved meanwhile.
 */
export function slaBreach(deps: WorkerDeps): Task {
  return async function slaBreachTask(payload) {
    const input = v.parse(SlaJobPayload, payload);
    await checkTicketsSla(deps.sql, input.org_id, [input.number]);
  };
}
