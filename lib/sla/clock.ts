/**
 * The SLA clock: each target's state at `now`, recomputed from the ticket's whole history with
 * the policy as it is now (so a priority or policy change re-targets running clocks). Pure: no
 * database, no Date.now(). The rules are in README.md, "SLA clock semantics".
 */
import { addBusinessMinutes, businessMsBetween } from './business-time.ts';
import { readHistory, type ClockRun, type Stretch } from './history.ts';
import type { BusinessCalendar, SlaMetric, SlaPolicySnapshot, SlaTarget, SlaTargetState, SlaTicketEvent } from './types.ts';
import { MINUTE } from '#lib/time/zone.ts';

/** How a target counts time: business time on the policy's calendar, or elapsed real time. */
interface Measure {
  /** Target milliseconds in [from, to). */
  between(from: number, to: number): number;
  /** The instant `ms` target milliseconds after `from`. */
  advance(from: number, ms: number): number;
}

function measureOf(target: SlaTarget, cal: BusinessCalendar): Measure {
  if (!target.businessHours) return { between: (a, b) => b - a, advance: (a, ms) => a + ms };
  return {
    between: (a, b) => businessMsBetween(cal, new Date(a), new Date(b)),
    advance: (a, ms) => addBusinessMinutes(cal, new Date(a), ms / MINUTE).getTime(),
  };
}

/**
 * When `amount` target ms have been used over the stretches: in a finished stretch, or projected
 * from the start of the one still running. Null when the stretches end (paused or stopped) first.
 */
function reachedAt(stretches: readonly Stretch[], m: Measure, amount: number): number | null {
  let left = amount;
  for (const s of stretches) {
    if (s.end === null) return m.advance(s.start, left);
    const used = m.between(s.start, s.end);
    if (used >= left) return m.advance(s.start, left);
    left -= used;
  }
  return null;
}

function stateOf(policy: SlaPolicySnapshot, target: SlaTarget, run: ClockRun, now: number, keptBreach: boolean): SlaTargetState {
  const m = measureOf(target, policy.calendar);
  const targetMs = target.minutes * MINUTE;
  const running = run.stretches[run.stretches.length - 1]?.end === null;
  const due = reachedAt(run.stretches, m, targetMs);
  const warn = reachedAt(run.stretches, m, (targetMs * policy.warnPercent) / 100);
  const elapsedMs = run.stretches.reduce((sum, s) => sum + m.between(s.start, s.end ?? now), 0);
  // Met when fulfilled at or before the due moment; missed once the due moment has come.
  const missed = due !== null && (run.fulfilledAt === null ? due <= now : due < run.fulfilledAt);
  const breached = missed || keptBreach;
  const elapsedMinutes = elapsedMs / MINUTE;
  return {
    metric: target.metric,
    status: breached ? 'breached' : run.fulfilledAt !== null ? 'fulfilled' : running ? 'running' : 'paused',
    startedAt: new Date(run.startedAt),
    dueAt: due !== null && (running || (run.fulfilledAt !== null && missed)) ? new Date(due) : null,
    warnAt: running && warn !== null ? new Date(warn) : null,
    elapsedMinutes,
    remainingMinutes: target.minutes - elapsedMinutes,
    fulfilledAt: run.fulfilledAt === null ? null : new Date(run.fulfilledAt),
    breachedAt: missed && due !== null ? new Date(due) : null,
  };
}

function checkPolicy(policy: SlaPolicySnapshot): void {
  if (!Number.isFinite(policy.warnPercent) || policy.warnPercent < 0 || policy.warnPercent > 100) {
    throw new RangeError(`warnPercent must be between 0 and 100, got ${policy.warnPercent}`);
  }
  for (const t of policy.targets) {
    if (!Number.isFinite(t.minutes) || t.minutes < 0) throw new RangeError(`${t.metric} target minutes must be a finite number ≥ 0, got ${t.minutes}`);
  }
}

/**
 * The state at `now` of every target of the policy that has started: first response and
 * resolution from creation, next response only once a cycle has started (its latest cycle).
 * `alreadyBreached` names targets with a recorded breach on their current run; they stay
 * breached whatever the recomputation says. Empty when the history has no events up to `now`.
 */
export function computeSlaTargets(policy: SlaPolicySnapshot, events: SlaTicketEvent[], now: Date, alreadyBreached: ReadonlySet<SlaMetric> = new Set()): SlaTargetState[] {
  checkPolicy(policy);
  const history = readHistory(events, now, policy.pauseStatuses);
  if (!history) return [];
  const runs: Record<SlaMetric, ClockRun | null> = {
    first_response: history.firstResponse,
    next_response: history.nextResponse,
    resolution: history.resolution,
  };
  const states: SlaTargetState[] = [];
  for (const target of policy.targets) {
    const run = runs[target.metric];
    if (run) states.push(stateOf(policy, target, run, now.getTime(), alreadyBreached.has(target.metric)));
  }
  return states;
}
