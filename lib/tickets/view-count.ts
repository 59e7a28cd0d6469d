import type { Role } from '../db/tenant.ts';
import type { TransactionSql } from '../db/pool.ts';
import { countersTotal } from './counts.ts';
import type { TicketFilterInput } from './list.ts';
import { TICKET_STATUSES, type TicketStatus } from './model.ts';

/** Past this many matches a view shows "1000+": exact counts would read every matching row. */
export const VIEW_COUNT_CAP = 1000;

const UNSOLVED: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

export interface ViewCount {
  count: number;
  /** True when there are more than `count` (the cap). */
  capped: boolean;
}

/**
 * How many tickets a view shows, without counting a whole org on every page load: views on
 * status, assignee or team alone (the sidebar's kind) read the counters (ticket_counts); any
 * other view counts matching rows up to a cap. For staff (views are a staff feature), who see
 * the whole org, so the counters are what they would see.
 *
 * @example
 * const { count, capped } = await viewCount(db, { userId, role: 'agent' }, filters, cf);
 */
export async function viewCount(tx: TransactionSql, who: { userId: string | null; role: Role }, f: TicketFilterInput, cf: Record<string, unknown>): Promise<ViewCount> {
  const onCountersOnly =
    !Object.keys(cf).length && !(f.assignee && f.team) &&
    [f.priority, f.requester, f.tag, f.q, f.created_after, f.created_before, f.updated_after, f.updated_before].every((x) => x === undefined);
  if (onCountersOnly) {
    const statuses = f.status === 'unsolved' ? UNSOLVED : (f.status ?? TICKET_STATUSES);
    if (f.assignee === 'me' && !who.userId) return { count: 0, capped: false };
    const scope = f.assignee
      ? ({ scope: 'assignee', id: f.assignee === 'me' ? who.userId! : f.assignee } as const)
      : f.team
        ? ({ scope: 'team', id: f.team } as const)
        : ({ scope: 'org' } as const);
    return { count: await countersTotal(tx, scope, statuses), capped: false };
  }
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from (select 1 from tickets t where ${conditions(tx, who, f, cf)} limit ${VIEW_COUNT_CAP + 1}) as matching`;
  const n = row?.n ?? 0;
  return n > VIEW_COUNT_CAP ? { count: VIEW_COUNT_CAP, capped: true } : { count: n, capped: false };
}

/**
 * The filters of lib/tickets/list.ts as SQL, for counting. They must stay the same as listTickets'
 * (test/views.test.ts compares the two on every filter); list.ts does not export its own.
 */
function conditions(tx: TransactionSql, who: { userId: string | null }, f: TicketFilterInput, cf: Record<string, unknown>) {
  const all = [tx`true`];
  if (f.status === 'unsolved') all.push(tx`t.status in ('new', 'open', 'pending', 'on_hold')`);
  else if (f.status) all.push(tx`t.status = any(${f.status}::ticket_status[])`);
  if (f.priority) all.push(tx`t.priority = any(${f.priority}::ticket_priority[])`);
  if (f.assignee === 'none') all.push(tx`t.assignee_id is null`);
  else if (f.assignee) all.push(tx`t.assignee_id = ${f.assignee === 'me' ? who.userId : f.assignee}::uuid`);
  if (f.team === 'none') all.push(tx`t.team_id is null`);
  else if (f.team) all.push(tx`t.team_id = ${f.team}::uuid`);
  if (f.requester) all.push(tx`t.requester_id = ${f.requester}::uuid`);
  if (f.tag) all.push(tx`t.tags @> array[${f.tag}]::text[]`);
  if (Object.keys(cf).length) all.push(tx`t.custom_fields @> ${tx.json(cf as never)}`);
  if (f.created_after) all.push(tx`t.created_at >= ${f.created_after}::timestamptz`);
  if (f.created_before) all.push(tx`t.created_at < ${f.created_before}::timestamptz`);
  if (f.updated_after) all.push(tx`t.updated_at >= ${f.updated_after}::timestamptz`);
  if (f.updated_before) all.push(tx`t.updated_at < ${f.updated_before}::timestamptz`);
  if (f.q) all.push(tx`t.search @@ websearch_to_tsquery((select search_language from organizations where id = app.current_org()), ${f.q})`);
  return all.reduce((acc, cond) => tx`${acc} and ${cond}`);
}
