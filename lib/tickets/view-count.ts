import type { Role } from '#lib/db/tenant.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { countersTotal } from './counts.ts';
import { filterConditions, type TicketFilterInput } from './list.ts';
import { TICKET_STATUSES, type TicketStatus } from './model.ts';

/** Past this many matches a view shows "1000+": exact counts would read every matching row. */
const VIEW_COUNT_CAP = 1000;

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
    !Object.keys(cf).length && !(f.assignee && f.team) && [f.priority, f.requester, f.tag, f.q, f.created_after, f.created_before, f.updated_after, f.updated_before].every((x) => x === undefined);
  if (onCountersOnly) {
    const statuses = f.status === 'unsolved' ? UNSOLVED : (f.status ?? TICKET_STATUSES);
    if (f.assignee === 'me' && !who.userId) return { count: 0, capped: false };
    const scope = f.assignee ? ({ scope: 'assignee', id: f.assignee === 'me' ? who.userId! : f.assignee } as const) : f.team ? ({ scope: 'team', id: f.team } as const) : ({ scope: 'org' } as const);
    return { count: await countersTotal(tx, scope, statuses), capped: false };
  }
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from (select 1 from tickets t where ${filterConditions(tx, who, f, cf)} limit ${VIEW_COUNT_CAP + 1}) as matching`;
  const n = row?.n ?? 0;
  return n > VIEW_COUNT_CAP ? { count: VIEW_COUNT_CAP, capped: true } : { count: n, capped: false };
}
