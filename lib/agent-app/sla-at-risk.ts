import type { TransactionSql } from '#lib/db/pool.ts';

/** A ticket whose SLA clock is about to run out, or has, while still running. */
export interface AtRiskTicket {
  number: string;
  subject: string;
  metric: string;
  due_at: Date;
  overdue: boolean;
  assignee_id: string | null;
}

/** How far ahead "at risk" looks: a target due within this many minutes, or overdue. */
const AT_RISK_MINUTES = 60;
/** The count stops here ("100+"): beyond it the number says nothing more to an agent. */
const AT_RISK_CAP = 100;

/**
 * Unsolved tickets with a running SLA target due within the hour (or past due and not yet marked
 * breached by its job), soonest first, and how many there are (capped). Reads running targets by
 * due time through sql/010's partial index on running targets, so the cost follows the targets
 * due soon, not the org's size. Targets already breached are not listed: no index finds an
 * org's breached targets without reading all of its targets.
 *
 * @example
 * const { items, count, capped } = await slaAtRisk(db);
 */
export async function slaAtRisk(tx: TransactionSql, limit = 10): Promise<{ items: AtRiskTicket[]; count: number; capped: boolean }> {
  const soon = tx`s.status = 'running' and s.due_at < now() + make_interval(mins => ${AT_RISK_MINUTES})
    and t.status in ('new', 'open', 'pending', 'on_hold')`;
  const items = await tx<AtRiskTicket[]>`
    select t.number::text as number, t.subject, s.metric::text as metric, s.due_at, s.due_at <= now() as overdue, t.assignee_id
    from ticket_sla_targets s join tickets t on t.org_id = s.org_id and t.number = s.ticket_number
    where ${soon}
    order by s.due_at, t.number
    limit ${limit}`;
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from (
      select 1 from ticket_sla_targets s join tickets t on t.org_id = s.org_id and t.number = s.ticket_number
      where ${soon} limit ${AT_RISK_CAP + 1}) as matching`;
  const n = row?.n ?? 0;
  return { items, count: Math.min(n, AT_RISK_CAP), capped: n > AT_RISK_CAP };
}
