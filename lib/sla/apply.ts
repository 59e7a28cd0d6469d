import type { TransactionSql } from '#lib/db/pool.ts';
import type { TicketPriority, TicketStatus } from '#lib/tickets/model.ts';
import { toBusinessCalendar, type CalendarJson } from './calendar-store.ts';
import { computeSlaTargets } from './clock.ts';
import { loadSlaHistory } from './ticket-history.ts';
import { matchPolicy, type TicketFacts } from './match.ts';
import { escalate, notifyTransitions, type Transition } from './notify.ts';
import type { PolicyConditions, PolicyTargets } from './policies.ts';
import type { BusinessCalendar, SlaMetric, SlaPolicySnapshot, SlaTargetState, SlaTargetStatus } from './types.ts';

interface LoadedPolicy {
  id: string;
  active: boolean;
  conditions: PolicyConditions;
  targets: PolicyTargets;
  pause_statuses: TicketStatus[];
  warn_percent: number;
  escalate_priority: TicketPriority | null;
  escalate_team_id: string | null;
  calendar: Pick<CalendarJson, 'time_zone' | 'always_open' | 'weekly' | 'holidays'>;
}

interface TicketRow extends TicketFacts {
  number: string;
  status: TicketStatus;
  created_at: Date;
  sla_policy_id: string | null;
}

interface StoredTarget {
  number: string;
  metric: SlaMetric;
  status: SlaTargetStatus;
  started_at: Date;
  due_at: Date | null;
  warn_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  fulfilled_at: Date | null;
}

/** The org's active policies in match order, each with its calendar: once per recompute. */
export async function loadPolicies(tx: TransactionSql): Promise<LoadedPolicy[]> {
  return tx<LoadedPolicy[]>`
    select p.id, p.active, p.conditions, p.targets, p.pause_statuses::text[] as pause_statuses, p.warn_percent,
           p.escalate_priority, p.escalate_team_id,
           jsonb_build_object('time_zone', c.time_zone, 'always_open', c.always_open, 'weekly', c.weekly, 'holidays', c.holidays) as calendar
    from sla_policies p join sla_calendars c on c.org_id = p.org_id and c.id = p.calendar_id
    where p.active order by p.position, p.created_at, p.id`;
}

/**
 * Re-computes the SLA targets of these tickets from their history, at `now`, in the caller's
 * transaction: matches the first policy, runs the clock, stores each target (the targets
 * table's trigger moves the warning and breach jobs), and records every transition in
 * sla_events. A warning or breach reached by now notifies the assignee and the team's leads;
 * a breach escalates as the policy says. A breached target stays breached.
 *
 * Every write path of a ticket calls this (create, update, reply, merge), and so do the
 * warning, breach, sweep and bulk-recompute jobs. Running it twice changes nothing.
 *
 * @example
 * await recomputeSla(tx, orgId, [42]);
 */
export async function recomputeSla(tx: TransactionSql, orgId: string, numbers: readonly (number | string)[], opts: { now?: Date; policies?: LoadedPolicy[] } = {}): Promise<void> {
  if (!numbers.length) return;
  const now = opts.now ?? new Date();
  const wanted = numbers.map(String);
  if (!opts.policies) {
    // The common case of an org without SLAs costs this one read and nothing more.
    const [has] = await tx<{ policies: boolean; targets: boolean }[]>`
      select exists (select 1 from sla_policies where active) as policies,
             exists (select 1 from ticket_sla_targets where ticket_number = any(${wanted}::bigint[])) as targets`;
    if (!has!.policies && !has!.targets) return;
  }
  const policies = opts.policies ?? (await loadPolicies(tx));
  // The ticket rows are locked before their targets are read: a job and a request re-computing
  // one ticket at once take turns, and the second sees what the first recorded.
  const tickets = await tx<TicketRow[]>`
    select t.number::text as number, t.status, t.priority, t.type, t.channel, t.team_id, t.tags, t.created_at, t.sla_policy_id, m.company
    from tickets t left join memberships m on m.user_id = t.requester_id
    where t.number = any(${wanted}::bigint[]) order by t.number for update of t`;
  const stored = await tx<StoredTarget[]>`
    select ticket_number::text as number, metric, status, started_at, due_at, warn_at, warned_at, breached_at, fulfilled_at
    from ticket_sla_targets where ticket_number = any(${wanted}::bigint[])`;
  const history = await loadSlaHistory(tx, tickets);
  const storedBy = new Map(stored.map((s) => [`${s.number}:${s.metric}`, s]));
  const rows: TargetRow[] = [];
  const removed: { number: string; metric: SlaMetric }[] = [];
  const transitions: Transition[] = [];
  const policyOf = new Map<string, string | null>();
  for (const t of tickets) {
    const policy = matchPolicy(policies, t);
    policyOf.set(t.number, policy?.id ?? null);
    const states = policy ? statesFor(policy, t, history.get(t.number) ?? [], now, storedBy) : [];
    for (const s of states) {
      const old = storedBy.get(`${t.number}:${s.metric}`);
      const row = toRow(t.number, policy!.targets[t.priority]?.[s.metric], policy!.id, s, old, now);
      rows.push(row);
      transitions.push(...transitionsOf(t.number, policy!.id, s, row, old));
    }
    for (const metric of ['first_response', 'next_response', 'resolution'] as const) {
      const old = storedBy.get(`${t.number}:${metric}`);
      // A target the policy no longer sets goes, unless it is history worth keeping.
      if (old && !states.some((s) => s.metric === metric) && !old.breached_at && !old.fulfilled_at) removed.push({ number: t.number, metric });
    }
  }
  await writeTargets(tx, orgId, rows, removed);
  await writeEvents(tx, orgId, transitions);
  const changedPolicy = tickets.filter((t) => t.sla_policy_id !== policyOf.get(t.number));
  if (changedPolicy.length) {
    const changes = changedPolicy.map((t) => ({ number: t.number, policy_id: policyOf.get(t.number) ?? null }));
    await tx`
      update tickets t set sla_policy_id = x.policy_id
      from jsonb_to_recordset(${tx.json(changes as never)}) as x (number bigint, policy_id uuid)
      where t.number = x.number`;
  }
  const alerts = transitions.filter((x) => x.kind === 'warning' || x.kind === 'breached');
  if (alerts.length) await notifyTransitions(tx, orgId, alerts);
  const breaches = transitions.filter((x) => x.kind === 'breached');
  if (breaches.length) {
    const escalated = await escalate(tx, breaches, new Map(policies.map((p) => [p.id, p])));
    // The new priority or team may mean other targets: once more (a breached target stays breached).
    if (escalated.length) await recomputeSla(tx, orgId, escalated, { now, policies });
  }
}

/** One calendar object per loaded policy: the clock caches its day plans per calendar object. */
const calendars = new WeakMap<LoadedPolicy, BusinessCalendar>();
function calendarOf(policy: LoadedPolicy): BusinessCalendar {
  let cal = calendars.get(policy);
  if (!cal) calendars.set(policy, (cal = toBusinessCalendar(policy.calendar)));
  return cal;
}

function statesFor(policy: LoadedPolicy, t: TicketRow, events: Parameters<typeof computeSlaTargets>[1], now: Date, storedBy: Map<string, StoredTarget>): SlaTargetState[] {
  const targets = policy.targets[t.priority] ?? {};
  const snapshot: SlaPolicySnapshot = {
    policyId: policy.id,
    calendar: calendarOf(policy),
    targets: Object.entries(targets).map(([metric, x]) => ({ metric: metric as SlaMetric, minutes: x.minutes, businessHours: x.business_hours })),
    pauseStatuses: policy.pause_statuses,
    warnPercent: policy.warn_percent,
  };
  if (!snapshot.targets.length) return [];
  const breached = new Set(snapshot.targets.map((x) => x.metric).filter((m) => storedBy.get(`${t.number}:${m}`)?.breached_at));
  let states = computeSlaTargets(snapshot, events, now, breached);
  // Next response restarts with each customer message: a breach of an earlier round is history.
  const next = states.find((s) => s.metric === 'next_response');
  const before = storedBy.get(`${t.number}:next_response`);
  if (next && before?.breached_at && next.startedAt.getTime() > before.started_at.getTime()) {
    breached.delete('next_response');
    states = computeSlaTargets(snapshot, events, now, breached);
  }
  return states;
}

interface TargetRow {
  number: string;
  metric: SlaMetric;
  policy_id: string;
  status: SlaTargetStatus;
  target_minutes: number;
  business_hours: boolean;
  started_at: Date;
  due_at: Date | null;
  warn_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  fulfilled_at: Date | null;
  elapsed_minutes: number;
  remaining_minutes: number;
}

function toRow(number: string, target: { minutes: number; business_hours: boolean } | undefined, policyId: string, s: SlaTargetState, old: StoredTarget | undefined, now: Date): TargetRow {
  const sameRound = old !== undefined && old.started_at.getTime() === s.startedAt.getTime();
  let warnedAt: Date | null = sameRound ? old.warned_at : null;
  // A warning moment still ahead (more time after a change) re-arms the warning.
  if (s.status === 'running' && s.warnAt) warnedAt = s.warnAt <= now ? (warnedAt ?? now) : null;
  return {
    number,
    metric: s.metric,
    policy_id: policyId,
    status: s.status,
    target_minutes: target?.minutes ?? 0,
    business_hours: target?.business_hours ?? true,
    started_at: s.startedAt,
    due_at: s.dueAt ?? (s.status === 'breached' ? (sameRound && old.due_at ? old.due_at : s.breachedAt) : null),
    warn_at: s.warnAt,
    warned_at: warnedAt,
    breached_at: sameRound && old.breached_at ? old.breached_at : s.breachedAt,
    fulfilled_at: s.fulfilledAt,
    elapsed_minutes: s.elapsedMinutes,
    remaining_minutes: s.remainingMinutes,
  };
}

function transitionsOf(number: string, policyId: string, s: SlaTargetState, row: TargetRow, old: StoredTarget | undefined): Transition[] {
  const out: Transition[] = [];
  const at = (kind: Transition['kind']): Transition => ({ number, metric: s.metric, kind, dueAt: row.due_at, policyId });
  const sameRound = old !== undefined && old.started_at.getTime() === s.startedAt.getTime();
  if (!sameRound) out.push(at('started'));
  else if (old.status === 'running' && s.status === 'paused') out.push(at('paused'));
  else if (old.status === 'paused' && s.status === 'running') out.push(at('resumed'));
  if (row.warned_at && !(sameRound && old.warned_at) && !row.breached_at) out.push(at('warning'));
  if (row.breached_at && !(sameRound && old.breached_at)) out.push(at('breached'));
  if (row.fulfilled_at && !(sameRound && old.fulfilled_at)) out.push(at('fulfilled'));
  return out;
}

async function writeTargets(tx: TransactionSql, orgId: string, rows: TargetRow[], removed: { number: string; metric: SlaMetric }[]): Promise<void> {
  if (removed.length) {
    await tx`
      delete from ticket_sla_targets t using jsonb_to_recordset(${tx.json(removed as never)}) as x (number bigint, metric sla_metric)
      where t.ticket_number = x.number and t.metric = x.metric`;
  }
  if (!rows.length) return;
  // Only rows that differ are written, so an unchanged target costs no trigger work and no job.
  await tx`
    insert into ticket_sla_targets as t (org_id, ticket_number, metric, policy_id, status, target_minutes, business_hours, started_at,
                                         due_at, warn_at, warned_at, breached_at, fulfilled_at, elapsed_minutes, remaining_minutes)
    select ${orgId}, x.number, x.metric, x.policy_id, x.status, x.target_minutes, x.business_hours, x.started_at, x.due_at, x.warn_at,
           x.warned_at, x.breached_at, x.fulfilled_at, x.elapsed_minutes, x.remaining_minutes
    from jsonb_to_recordset(${tx.json(rows as never)}) as x (number bigint, metric sla_metric, policy_id uuid, status sla_target_status,
      target_minutes integer, business_hours boolean, started_at timestamptz, due_at timestamptz, warn_at timestamptz, warned_at timestamptz,
      breached_at timestamptz, fulfilled_at timestamptz, elapsed_minutes numeric, remaining_minutes numeric)
    on conflict (org_id, ticket_number, metric) do update set
      policy_id = excluded.policy_id, status = excluded.status, target_minutes = excluded.target_minutes, business_hours = excluded.business_hours,
      started_at = excluded.started_at, due_at = excluded.due_at, warn_at = excluded.warn_at, warned_at = excluded.warned_at,
      breached_at = excluded.breached_at, fulfilled_at = excluded.fulfilled_at, elapsed_minutes = excluded.elapsed_minutes,
      remaining_minutes = excluded.remaining_minutes, updated_at = now()
    where (t.policy_id, t.status, t.target_minutes, t.business_hours, t.started_at, t.due_at, t.warn_at, t.warned_at, t.breached_at, t.fulfilled_at)
      is distinct from (excluded.policy_id, excluded.status, excluded.target_minutes, excluded.business_hours, excluded.started_at, excluded.due_at,
                        excluded.warn_at, excluded.warned_at, excluded.breached_at, excluded.fulfilled_at)`;
}

async function writeEvents(tx: TransactionSql, orgId: string, transitions: Transition[]): Promise<void> {
  if (!transitions.length) return;
  await tx`
    insert into sla_events (org_id, ticket_number, metric, kind, due_at, policy_id)
    select ${orgId}, x.number, x.metric, x.kind, x."dueAt", x."policyId"
    from jsonb_to_recordset(${tx.json(transitions as never)}) as x (number bigint, metric sla_metric, kind sla_event_kind, "dueAt" timestamptz, "policyId" uuid)`;
}
