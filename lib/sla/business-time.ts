/**
 * Business-time arithmetic on a calendar: walks whole open stretches (calendar.ts), never
 * minutes, so 10,000 minutes or a year costs a few hundred steps. Minutes are exact (fractions
 * of a minute are kept, down to the millisecond); display code rounds.
 */
import { compileCalendar, walkOpen } from './calendar.ts';
import type { BusinessCalendar } from './types.ts';
import { MINUTE } from '#lib/time/zone.ts';

export { calendarProblems, SlaCalendarError } from './calendar.ts';

/**
 * The instant at which `minutes` business minutes have passed since `start`. For minutes > 0
 * the calendar is open just before the result (the result may be a closing time, e.g. 17:00);
 * 0 returns `start` unchanged. Throws RangeError for negative or non-finite minutes and
 * SlaCalendarError for an invalid calendar or one with no open time.
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`business minutes must be a finite number ≥ 0, got ${minutes}`);
  const c = compileCalendar(cal);
  const from = start.getTime();
  let left = Math.round(minutes * MINUTE);
  if (left === 0) return new Date(from);
  if (c.alwaysOpen) return new Date(from + left);
  let due = from;
  walkOpen(c, from, (s, e) => {
    const begin = Math.max(s, from);
    if (left <= e - begin) {
      due = begin + left;
      return true;
    }
    left -= e - begin;
    return false;
  });
  return new Date(due);
}

/** Business milliseconds in [from, to); negative when `to` is before `from`. */
export function businessMsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -businessMsBetween(cal, to, from);
  const c = compileCalendar(cal);
  if (c.alwaysOpen || a === b) return b - a;
  let total = 0;
  walkOpen(
    c,
    a,
    (s, e) => {
      if (s >= b) return true;
      total += Math.min(e, b) - Math.max(s, a);
      return e >= b;
    },
    b,
  );
  return total;
}

/** Business minutes in [from, to), exact (may be fractional); negative when `to` is before `from`. */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return businessMsBetween(cal, from, to) / MINUTE;
}

/** Whether the calendar is open at the instant: open stretches include their start, not their end. */
export function isOpen(cal: BusinessCalendar, at: Date): boolean {
  const c = compileCalendar(cal);
  if (c.alwaysOpen) return true;
  const t = at.getTime();
  let open = false;
  walkOpen(
    c,
    t,
    (s) => {
      open = s <= t;
      return true;
    },
    t + 1,
  );
  return open;
}

/** The first instant at or after `at` at which the calendar is open. */
export function nextOpenAt(cal: BusinessCalendar, at: Date): Date {
  const c = compileCalendar(cal);
  const t = at.getTime();
  if (c.alwaysOpen) return new Date(t);
  let next = t;
  walkOpen(c, t, (s) => {
    next = Math.max(s, t);
    return true;
  });
  return new Date(next);
}
