import type { Task } from 'graphile-worker';
import * as v from 'valibot';
import { recomputeOrgSla } from '#lib/sla/jobs.ts';
import type { WorkerDeps } from './deps.ts';

const Payload = v.object({ org_id: v.pipe(v.string(), v.uuid()) });

/**
 * After a calendar or policy change (enqueued by the sla_policies / sla_calendars triggers with
 * job key `sla-recompute:<org>`): re-matches and re-computes every open ticket of the org in
 * batches. Breached targets stay breached; moved due times move their jobs.
 */
export function slaRecompute(deps: WorkerDeps): Task {
  return async function slaRecomputeTask(payload, helpers) {
    const input = v.parse(Payload, payload);
    const n = await recomputeOrgSla(deps.sql, input.org_id);
    helpers.logger.info(`sla-recompute: ${n} open ticket(s) in org ${input.org_id}`);
  };
}
