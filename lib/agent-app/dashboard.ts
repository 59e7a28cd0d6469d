import * as v from 'valibot';
import type { TransactionSql } from '#lib/db/pool.ts';
import { countersTotal } from '#lib/tickets/counts.ts';
import { listTickets, TicketFilters } from '#lib/tickets/list.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { dayStart, today } from '#lib/time/zone.ts';
import { slaAtRisk, type AtRiskTicket } from './sla-at-risk.ts';

const UNSOLVED = ['new', 'open', 'pending', 'on_hold'] as const;
/** How many tickets each dashboard list shows; the count beside it says how many there are. */
const DASHBOARD_LIST_SIZE = 10;

export interface DashboardList {
  count: number;
  items: TicketRow[];
  /** The queue page with the same filters, for "see all". */
  href: string;
}

export interface Dashboard {
  mine: DashboardList;
  unassigned: DashboardList;
  today: { day: string; zone: string; created: number; solved: number };
  slaAtRisk: { items: AtRiskTicket[]; count: number; capped: boolean };
}

/**
 * The agent's start page: their unsolved tickets, the unassigned ones, the tickets whose SLA
 * target is due within the hour (sla-at-risk.ts), and today's volume (in
 * the org's time zone). Totals come from the counters (ticket_counts) and from index-only range
 * scans over today's tickets (sql/015), so the page costs the same in an org of any size.
 *
 * @example
 * const data = await loadDashboard(db, caller.userId, await orgTimeZone(db));
 */
export async function loadDashboard(tx: TransactionSql, userId: string, zone: string): Promise<Dashboard> {
  const who = { userId, role: 'agent' as const };
  const list = async (assignee: 'me' | 'none'): Promise<DashboardList> => {
    const filters = v.parse(TicketFilters, { status: 'unsolved', assignee, limit: String(DASHBOARD_LIST_SIZE) });
    const page = await listTickets(tx, who, filters, {});
    const count = await countersTotal(tx, { scope: 'assignee', id: assignee === 'me' ? userId : 'none' }, UNSOLVED);
    return { count, items: page.items, href: `/app/queues?status=unsolved&assignee=${assignee}` };
  };
  const mine = await list('me');
  const unassigned = await list('none');
  const day = today(zone);
  const [from, to] = [dayStart(zone, day), dayStart(zone, day, 1)];
  const [counts] = await tx<{ created: number; solved: number }[]>`
    select (select count(*) from tickets where created_at >= ${from} and created_at < ${to})::int as created,
           (select count(*) from tickets where solved_at >= ${from} and solved_at < ${to})::int as solved`;
  return { mine, unassigned, today: { day, zone, created: counts?.created ?? 0, solved: counts?.solved ?? 0 }, slaAtRisk: await slaAtRisk(tx, DASHBOARD_LIST_SIZE) };
}
