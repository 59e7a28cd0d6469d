/**
 * The contract of the SLA clock. `lib/sla` computes everything here as pure functions (no
 * database, no `Date.now()`); the SLA tables, jobs and endpoints only store and schedule what
 * these functions return.
 */
import type { TicketStatus } from '#lib/tickets/model.ts';

/** An ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One opening interval of the weekly schedule, in the calendar's local wall-clock time. `end`
 * at or before `start` means the interval runs past midnight into the next day (22:00–06:00).
 * `end` may be `24:00`.
 */
export interface WeeklyInterval {
  weekday: IsoWeekday;
  /** `HH:MM` */
  start: string;
  /** `HH:MM` */
  end: string;
}

/** A closed day in the calendar's time zone. A recurring holiday repeats on that month and day every year. */
export interface Holiday {
  /** `YYYY-MM-DD` */
  date: string;
  recurring: boolean;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Open around the clock: the schedule and the holidays are ignored. */
  alwaysOpen: boolean;
  weekly: WeeklyInterval[];
  holidays: Holiday[];
}

export type SlaMetric = 'first_response' | 'next_response' | 'resolution';

/** One target of a policy, for the ticket's current priority. */
export interface SlaTarget {
  metric: SlaMetric;
  minutes: number;
  /** Business minutes on the policy's calendar, or calendar (wall-clock) minutes. */
  businessHours: boolean;
}

/** What the clock needs to know about the policy that applies to a ticket. */
export interface SlaPolicySnapshot {
  policyId: string;
  calendar: BusinessCalendar;
  targets: SlaTarget[];
  /** Statuses that pause the resolution clock (default `pending` and `on_hold`). */
  pauseStatuses: TicketStatus[];
  /** Warn when this share of the target is used (default 80). */
  warnPercent: number;
}

/**
 * The ticket's history as the clock reads it, in time order. `agent_reply` is a public reply by
 * staff: internal notes and automatic messages are not events here at all.
 */
export type SlaTicketEvent = { at: Date; kind: 'created' } | { at: Date; kind: 'status'; status: TicketStatus } | { at: Date; kind: 'agent_reply' } | { at: Date; kind: 'customer_message' };

export type SlaTargetStatus = 'running' | 'paused' | 'fulfilled' | 'breached';

/** The state of one target at `now`. */
export interface SlaTargetState {
  metric: SlaMetric;
  status: SlaTargetStatus;
  /** When this target's clock started (ticket creation; for next response, the customer message). */
  startedAt: Date;
  /** The due moment while running; null while paused or once fulfilled before its due time. */
  dueAt: Date | null;
  /** When the warning share is reached while running; null otherwise. */
  warnAt: Date | null;
  /** Target minutes already used (business or calendar, as the target says). */
  elapsedMinutes: number;
  /** Target minutes left; negative once breached. */
  remainingMinutes: number;
  fulfilledAt: Date | null;
  /** The moment the target was (or will have been) missed, if it was. */
  breachedAt: Date | null;
}

/*
 * Functions lib/sla exports on this contract (the other SLA code uses only these):
 *   business-time.ts  addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date
 *                     businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number
 *                     isOpen(cal: BusinessCalendar, at: Date): boolean
 *   clock.ts          computeSlaTargets(policy: SlaPolicySnapshot, events: SlaTicketEvent[], now: Date,
 *                                       alreadyBreached?: ReadonlySet<SlaMetric>): SlaTargetState[]
 */
