import type { Task } from 'graphile-worker';
import * as v from 'valibot';
import type { Sql } from '#lib/db/pool.ts';
import { SERVICE, withTenant, asSystem } from '#lib/db/tenant.ts';
import type { WorkerDeps } from './deps.ts';

const Payload = v.object({ org_id: v.pipe(v.string(), v.uuid()), number: v.optional(v.number()) });

/**
 * Closes solved tickets once the org's `solved_autoclose_days` have passed. Enqueued by the
 * tickets trigger for the moment one is due (payload: org and number); the hourly sweep
 * (payload: no number) closes whatever is due in every org, in case a job was lost. A ticket
 * reopened meanwhile is not touched, so the job is safe to run twice or late.
 */
export function ticketAutoclose(deps: Pick<WorkerDeps, 'sql'>): Task {
  return async function ticketAutocloseTask(payload, helpers) {
    const input = v.parse(Payload, payload);
    const closed = await closeDue(deps.sql, input.org_id, input.number ?? null);
    if (closed) helpers.logger.info(`ticket-autoclose: closed ${closed} ticket(s) in org ${input.org_id}`);
  };
}

/** The sweep: every org in turn, each under its own tenant context. */
export function ticketAutocloseSweep(deps: Pick<WorkerDeps, 'sql'>): Task {
  return async function ticketAutocloseSweepTask(_payload, helpers) {
    const orgs = await withTenant(deps.sql, SERVICE, (tx) => tx<{ id: string }[]>`select app.org_ids() as id`);
    let total = 0;
    for (const { id } of orgs) total += await closeDue(deps.sql, id, null);
    helpers.logger.info(`ticket-autoclose-sweep: closed ${total} ticket(s) in ${orgs.length} orgs`);
  };
}

async function closeDue(sql: Sql, orgId: string, number: number | null): Promise<number> {
  // Acts as the system: an admin-level role for RLS, no user, so the history shows no person.
  return withTenant(sql, asSystem(orgId), async (tx) => {
    const rows = await tx`
      update tickets t set status = 'closed', updated_at = now()
      from organizations o
      where o.id = t.org_id and t.status = 'solved' and (${number}::bigint is null or t.number = ${number}::bigint)
        and t.solved_at <= now() - make_interval(days => o.solved_autoclose_days)
      returning t.number`;
    return rows.length;
  });
}
