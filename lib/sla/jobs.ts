import type { Sql } from '#lib/db/pool.ts';
import { withTenant, asSystem } from '#lib/db/tenant.ts';
import { loadPolicies, recomputeSla } from './apply.ts';

/** Jobs act as the system: an admin-level role for RLS and no user, so history names no person. */

/**
 * Brings these tickets' SLA state up to now in their org, under RLS: what the warning, breach
 * and sweep jobs do. A ticket whose state already says so is left as it is, so a job that
 * runs twice or late records nothing twice.
 *
 * @example
 * await checkTicketsSla(sql, orgId, [42]);
 */
export async function checkTicketsSla(sql: Sql, orgId: string, numbers: readonly (number | string)[]): Promise<void> {
  await withTenant(sql, asSystem(orgId), (tx) => recomputeSla(tx, orgId, numbers));
}

/** Open tickets per transaction of a bulk recompute: small enough to keep each commit short. */
const RECOMPUTE_BATCH = 500;

/**
 * Re-computes every open ticket of an org (after a calendar or policy change), in batches of
 * RECOMPUTE_BATCH tickets in number order, each batch its own transaction. Returns how many.
 *
 * @example
 * const n = await recomputeOrgSla(sql, orgId);
 */
export async function recomputeOrgSla(sql: Sql, orgId: string, batch = RECOMPUTE_BATCH): Promise<number> {
  let last = '0';
  let total = 0;
  for (;;) {
    const done = await withTenant(sql, asSystem(orgId), async (tx) => {
      const rows = await tx<{ number: string }[]>`
        select t.number::text as number from tickets t
        where t.status in ('new', 'open', 'pending', 'on_hold') and t.number > ${last}::bigint
        order by t.number limit ${batch}`;
      if (rows.length)
        await recomputeSla(
          tx,
          orgId,
          rows.map((r) => r.number),
          { policies: await loadPolicies(tx) },
        );
      return rows;
    });
    total += done.length;
    if (done.length < batch) return total;
    last = done[done.length - 1]!.number;
  }
}
