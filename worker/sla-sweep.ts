import type { Task } from 'graphile-worker';
import { checkTicketsSla } from '#lib/sla/jobs.ts';
import { SERVICE, withTenant } from '#lib/db/tenant.ts';
import type { WorkerDeps } from './deps.ts';

/** A target this long past its moment has lost its job (a worker was down, a job failed for good). */
export const SWEEP_GRACE_SECONDS = 30;
const SWEEP_LIMIT = 5000;

/**
 * The safety net, every 5 minutes: asks app.sla_missed() for running targets whose warning or
 * due moment passed without their job (two partial indexes, never a scan of all targets) and
 * checks those tickets, org by org.
 */
export function slaSweep(deps: WorkerDeps): Task {
  return async function slaSweepTask(_payload, helpers) {
    const missed = await withTenant(
      deps.sql,
      SERVICE,
      (tx) => tx<{ org_id: string; ticket_number: string }[]>`
      select org_id, ticket_number::text as ticket_number from app.sla_missed(make_interval(secs => ${SWEEP_GRACE_SECONDS}), ${SWEEP_LIMIT})`,
    );
    const byOrg = new Map<string, string[]>();
    for (const m of missed) byOrg.set(m.org_id, [...(byOrg.get(m.org_id) ?? []), m.ticket_number]);
    for (const [org, numbers] of byOrg) {
      for (let i = 0; i < numbers.length; i += 500) await checkTicketsSla(deps.sql, org, numbers.slice(i, i + 500));
    }
    if (missed.length) helpers.logger.info(`sla-sweep: checked ${missed.length} ticket(s) with a missed SLA moment in ${byOrg.size} org(s)`);
  };
}
