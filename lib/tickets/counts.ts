import type { TransactionSql } from '#lib/db/pool.ts';
import { TICKET_STATUSES, type TicketStatus } from './model.ts';

/** Tickets per status; every status present, zero when there are none. */
export type StatusCounts = Record<TicketStatus, number>;

/** The scope_id of the org-wide rows of ticket_counts. */
const ORG_SCOPE_ID = '00000000-0000-0000-0000-000000000000';

const zeros = (): StatusCounts => Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as StatusCounts;

/**
 * The queue sidebar's numbers: tickets per status for the org, for the caller as assignee, and
 * for every team. Read from the counters the tickets trigger keeps at commit (ticket_counts),
 * never by counting tickets, so the cost does not grow with the org.
 *
 * @example
 * const { by_status, mine, by_team } = await ticketCounts(db, caller.userId);
 */
export async function ticketCounts(tx: TransactionSql, userId: string | null): Promise<{ by_status: StatusCounts; mine: StatusCounts; by_team: Record<string, StatusCounts> }> {
  const rows = await tx<{ scope: string; scope_id: string; status: TicketStatus; n: number }[]>`
    select scope, scope_id, status, n::int as n from ticket_counts
    where (scope = 'org' and scope_id = ${ORG_SCOPE_ID}) or (scope = 'assignee' and scope_id = ${userId}::uuid) or scope = 'team'`;
  const teams = await tx<{ id: string }[]>`select id from teams order by lower(name), id`;
  const result = { by_status: zeros(), mine: zeros(), by_team: Object.fromEntries(teams.map((t) => [t.id, zeros()])) };
  for (const r of rows) {
    // A deleted team's rows stay behind at zero: show teams that exist.
    const into = r.scope === 'org' ? result.by_status : r.scope === 'assignee' ? result.mine : result.by_team[r.scope_id];
    if (into) into[r.status] = r.n;
  }
  return result;
}

/**
 * Tickets in `statuses` for one scope, from the counters. `none` (no assignee, no team) is the
 * org's total less every assignee's or team's, since only set values have counter rows.
 *
 * @example
 * await countersTotal(db, { scope: 'assignee', id: userId }, ['new', 'open']);
 */
export async function countersTotal(tx: TransactionSql, of: { scope: 'org' } | { scope: 'assignee' | 'team'; id: string | 'none' }, statuses: readonly TicketStatus[]): Promise<number> {
  const [row] =
    of.scope === 'org' || of.id !== 'none'
      ? await tx<{ n: number }[]>`
          select coalesce(sum(n), 0)::int as n from ticket_counts
          where scope = ${of.scope} and scope_id = ${of.scope === 'org' ? ORG_SCOPE_ID : of.id}::uuid and status = any(${statuses}::ticket_status[])`
      : await tx<{ n: number }[]>`
          select coalesce(sum(case when scope = 'org' then n else -n end), 0)::int as n from ticket_counts
          where ((scope = 'org' and scope_id = ${ORG_SCOPE_ID}) or scope = ${of.scope}) and status = any(${statuses}::ticket_status[])`;
  return row?.n ?? 0;
}
