import type { TransactionSql } from '#lib/db/pool.ts';
import { businessMinutesBetween } from './business-time.ts';
import { toBusinessCalendar, type CalendarJson } from './calendar-store.ts';
import type { SlaMetric, SlaTargetStatus } from './types.ts';

/** One target of a ticket as the API shows it. */
export interface SlaTargetJson {
  metric: SlaMetric;
  status: SlaTargetStatus;
  due_at: Date | null;
  warn_at: Date | null;
  /** Target minutes left now (business or calendar, as `business_hours` says); negative once overdue. */
  remaining_minutes: number;
  business_hours: boolean;
  target_minutes: number;
  started_at: Date;
  breached_at: Date | null;
  fulfilled_at: Date | null;
}

export interface TicketSlaJson {
  policy_id: string | null;
  targets: SlaTargetJson[];
}

interface Row {
  number: string;
  policy_id: string | null;
  metric: SlaMetric;
  status: SlaTargetStatus;
  due_at: Date | null;
  warn_at: Date | null;
  remaining_minutes: string;
  business_hours: boolean;
  target_minutes: number;
  started_at: Date;
  breached_at: Date | null;
  fulfilled_at: Date | null;
  calendar: Pick<CalendarJson, 'time_zone' | 'always_open' | 'weekly' | 'holidays'> | null;
}

const METRIC_ORDER: SlaMetric[] = ['first_response', 'next_response', 'resolution'];

/**
 * The SLA state of these tickets at `now`, one query for all of them. A clock that runs counts
 * down from its due time on the policy's calendar; a paused, fulfilled or finished one shows
 * what was left when it stopped. Tickets without targets are absent from the map.
 *
 * @example
 * const sla = await ticketSlaStates(db, [42]);
 */
export async function ticketSlaStates(tx: TransactionSql, numbers: readonly (number | string)[], now = new Date()): Promise<Map<number, TicketSlaJson>> {
  if (!numbers.length) return new Map();
  const rows = await tx<Row[]>`
    select s.ticket_number::text as number, s.policy_id, s.metric, s.status, s.due_at, s.warn_at, s.remaining_minutes::text,
           s.business_hours, s.target_minutes, s.started_at, s.breached_at, s.fulfilled_at,
           case when c.id is not null then jsonb_build_object('time_zone', c.time_zone, 'always_open', c.always_open, 'weekly', c.weekly, 'holidays', c.holidays) end as calendar
    from ticket_sla_targets s
    left join sla_policies p on p.org_id = s.org_id and p.id = s.policy_id
    left join sla_calendars c on c.org_id = p.org_id and c.id = p.calendar_id
    where s.ticket_number = any(${numbers.map(String)}::bigint[])`;
  const out = new Map<number, TicketSlaJson>();
  for (const r of rows) {
    const n = Number(r.number);
    let entry = out.get(n);
    if (!entry) out.set(n, (entry = { policy_id: r.policy_id, targets: [] }));
    entry.targets.push({
      metric: r.metric,
      status: r.status,
      due_at: r.due_at,
      warn_at: r.warn_at,
      remaining_minutes: remaining(r, now),
      business_hours: r.business_hours,
      target_minutes: r.target_minutes,
      started_at: r.started_at,
      breached_at: r.breached_at,
      fulfilled_at: r.fulfilled_at,
    });
  }
  for (const e of out.values()) e.targets.sort((a, b) => METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric));
  return out;
}

function remaining(r: Row, now: Date): number {
  const clockRuns = r.due_at !== null && r.fulfilled_at === null && (r.status === 'running' || r.status === 'breached');
  if (!clockRuns) return Math.round(Number(r.remaining_minutes));
  const due = r.due_at!;
  const span = (a: Date, b: Date) => (r.business_hours && r.calendar ? businessMinutesBetween(toBusinessCalendar(r.calendar), a, b) : (b.getTime() - a.getTime()) / 60_000);
  return Math.round(now <= due ? span(now, due) : -span(due, now));
}
