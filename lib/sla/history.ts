/**
 * Reads a ticket's history into the stretches of real time during which each SLA clock ran.
 * Only what happened up to `now` counts. The rules are in README.md, "SLA clock semantics".
 */
import type { TicketStatus } from '#lib/tickets/model.ts';
import type { SlaTicketEvent } from './types.ts';

/** Solved and closed stop every clock; they are not pauses. */
const STOPPED: ReadonlySet<TicketStatus> = new Set<TicketStatus>(['solved', 'closed']);

/** [start, end) in ms; end null = still running at `now`. */
export interface Stretch {
  start: number;
  end: number | null;
}

/** One run of one clock: when it started, the stretches it ran, and how it ended. */
export interface ClockRun {
  startedAt: number;
  stretches: Stretch[];
  /** The agent reply or solve that ended the run, or null while it is open. */
  fulfilledAt: number | null;
}

export interface ReadHistory {
  firstResponse: ClockRun;
  /** The latest next-response cycle; null when none has started. */
  nextResponse: ClockRun | null;
  resolution: ClockRun;
}

function openRun(at: number): ClockRun {
  return { startedAt: at, stretches: [{ start: at, end: null }], fulfilledAt: null };
}

function endRun(run: ClockRun, at: number): void {
  const last = run.stretches[run.stretches.length - 1];
  if (last && last.end === null) last.end = at;
  run.fulfilledAt = at;
}

/** Null when the history has no events up to `now`. */
export function readHistory(events: readonly SlaTicketEvent[], now: Date, pauseStatuses: readonly TicketStatus[]): ReadHistory | null {
  const until = now.getTime();
  const sorted = events.filter((e) => e.at.getTime() <= until).sort((a, b) => a.at.getTime() - b.at.getTime());
  const createdIndex = Math.max(
    0,
    sorted.findIndex((e) => e.kind === 'created'),
  );
  const created = sorted[createdIndex];
  if (!created) return null;
  const createdAt = created.at.getTime();
  const paused = new Set(pauseStatuses);

  const firstResponse = openRun(createdAt);
  const resolution = openRun(createdAt);
  let nextResponse: ClockRun | null = null;
  let cycleOpen = false;
  /** An agent reply or a solve has happened, so the next customer message waits for an answer. */
  let armed = false;
  let status: TicketStatus = 'new';

  for (const e of sorted.slice(createdIndex + 1)) {
    const at = e.at.getTime();
    if (e.kind === 'agent_reply') {
      if (at <= createdAt) continue; // the ticket's own opening message, written by an agent
      if (firstResponse.fulfilledAt === null) endRun(firstResponse, at);
      if (cycleOpen && nextResponse) endRun(nextResponse, at);
      cycleOpen = false;
      armed = true;
    } else if (e.kind === 'customer_message') {
      if (armed && !cycleOpen) {
        nextResponse = openRun(at);
        cycleOpen = true;
      }
    } else if (e.kind === 'status') {
      const wasRunning = !STOPPED.has(status) && !paused.has(status);
      const running = !STOPPED.has(e.status) && !paused.has(e.status);
      if (STOPPED.has(e.status) && !STOPPED.has(status)) {
        if (firstResponse.fulfilledAt === null) endRun(firstResponse, at);
        if (cycleOpen && nextResponse) endRun(nextResponse, at);
        cycleOpen = false;
        armed = true;
      }
      if (wasRunning && !running) resolution.stretches[resolution.stretches.length - 1]!.end = at;
      if (!wasRunning && running) resolution.stretches.push({ start: at, end: null });
      resolution.fulfilledAt = STOPPED.has(e.status) ? (STOPPED.has(status) ? resolution.fulfilledAt : at) : null;
      status = e.status;
    }
  }
  return { firstResponse, nextResponse, resolution };
}
