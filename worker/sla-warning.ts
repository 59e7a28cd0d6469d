import type { Task } from 'graphile-worker';
import * as v from 'valibot';
import { checkTicketsSla } from '#lib/sla/jobs.ts';
import { SlaJobPayload } from './sla-breach.ts';
import type { WorkerDeps } from './deps.ts';

/**
 * Runs when a target reaches its warning share (job key `sla-warn:<org>:<ticket>:<metric>`):
 * re-computes the ticket at now, which records the warning once and notifies the assignee and
 * the team's leads.
 */
export function slaWarning(deps: WorkerDeps): Task {
  return async function slaWarningTask(payload) {
    const input = v.parse(SlaJobPayload, payload);
    await checkTicketsSla(deps.sql, input.org_id, [input.number]);
  };
}
