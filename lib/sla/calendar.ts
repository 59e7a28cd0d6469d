/**
 * A business calendar turned into what the arithmetic walks: the open stretches of real time,
 * as [start, end) instants in ms, day by day. The rules (README, "SLA clock semantics"):
 * - an interval belongs to the weekday it starts on; `end` at or before `start` runs into the
 *   next day, `24:00` is the end of the day;
 * - a holiday closes every interval that starts on that local date, including its part after
 *   midnight; an interval that started the day before runs on into the holiday until it ends;
 * - a wall-clock time maps to the first instant the local clock shows it or later (zone.ts), so
 *   an interval in a skipped hour is shorter or empty, one over a repeated hour is longer;
 * - overlapping or touching intervals merge.
 */
import { HttpError } from '#lib/http/errors.ts';
import type { BusinessCalendar, Holiday, WeeklyInterval } from './types.ts';
import { instantOf, isTimeZone, localDayOf, weekdayOf, ymdOf, zone, type Zone } from '#lib/time/zone.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * A calendar the clock cannot use, or a computation it will not finish (no open time, or past
 * MAX_WALK_DAYS). An HttpError (422), so a request that meets one answers in words, not a 500;
 * saving a calendar or policy checks for it first (calendar-check.ts).
 */
export class SlaCalendarError extends HttpError<'sla_calendar_unusable'> {
  override name = 'SlaCalendarError';
  constructor(message: string) {
    super(422, 'sla_calendar_unusable', message);
  }
}

interface Shift {
  start: number;
  /** Minutes after the start day's midnight: up to 48 × 60 for an interval running past midnight. */
  end: number;
}

export interface CompiledCalendar {
  zone: Zone;
  alwaysOpen: boolean;
  /** Shifts by ISO weekday (index 1–7). */
  shifts: Shift[][];
  oneOff: Set<number>;
  yearly: Set<number>;
  /** Open stretches by local day, and the instant that day ends: the same days are walked again and again. */
  days: Map<number, DayPlan>;
  /** The cache generation `days` belongs to (see planOf). */
  generation: number;
}

interface DayPlan {
  ranges: ReadonlyArray<readonly [number, number]>;
  /** The next local midnight: no later day's stretch starts before it. */
  end: number;
}

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Walking further than this without finding an open minute means the calendar has none. */
export const MAX_CLOSED_DAYS = 5 * 366;
/**
 * No computation walks further than this (20 years): a year's target on a calendar open a few
 * minutes a week would otherwise walk for centuries inside a request. Saving a calendar or a
 * policy checks its largest target against it (assertTargetsReachable), so a request never meets it.
 */
export const MAX_WALK_DAYS = 20 * 366;

function minutesOf(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 24 * 60 ? null : minutes;
}

function holidayKey(h: Holiday): number | null {
  const m = YMD.exec(h.date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return h.recurring ? mo * 100 + d : y * 10_000 + mo * 100 + d;
}

/** Everything wrong with a calendar, for a 4xx `details` list; empty when it is usable. */
export function calendarProblems(cal: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!isTimeZone(cal.timeZone)) problems.push(`timeZone: unknown IANA time zone "${cal.timeZone}"`);
  cal.weekly.forEach((w: WeeklyInterval, i) => {
    if (!Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7) problems.push(`weekly[${i}].weekday: must be 1 (Monday) to 7 (Sunday)`);
    const start = minutesOf(w.start);
    if (start === null || start === 24 * 60) problems.push(`weekly[${i}].start: must be HH:MM from 00:00 to 23:59`);
    if (minutesOf(w.end) === null) problems.push(`weekly[${i}].end: must be HH:MM from 00:00 to 24:00`);
  });
  cal.holidays.forEach((h, i) => {
    if (holidayKey(h) === null) problems.push(`holidays[${i}].date: must be a real date YYYY-MM-DD`);
  });
  if (!cal.alwaysOpen && cal.weekly.length === 0) problems.push('weekly: a calendar that is not always open needs at least one interval');
  return problems;
}

const byObject = new WeakMap<BusinessCalendar, CompiledCalendar>();
/** Callers often rebuild the same calendar per ticket; the JSON form finds it again. */
const byContent = new Map<string, CompiledCalendar>();
const MAX_CALENDARS = 1000;
/** Day plans cached over all calendars (~150 bytes each); past this, every calendar starts afresh. */
const MAX_PLANS = 200_000;
let plans = 0;
let generation = 0;

/** Checks and prepares a calendar (cached); throws SlaCalendarError naming every problem. */
export function compileCalendar(cal: BusinessCalendar): CompiledCalendar {
  const hit = byObject.get(cal);
  if (hit) return hit;
  const key = JSON.stringify([cal.timeZone, cal.alwaysOpen, cal.weekly, cal.holidays]);
  let c = byContent.get(key);
  if (!c) {
    c = compile(cal);
    if (byContent.size >= MAX_CALENDARS) byContent.clear();
    byContent.set(key, c);
  }
  byObject.set(cal, c);
  return c;
}

function compile(cal: BusinessCalendar): CompiledCalendar {
  const problems = calendarProblems(cal);
  if (problems.length) throw new SlaCalendarError(t('error.sla_calendar_invalid', { problems: problems.join('; ') }));
  const shifts: Shift[][] = Array.from({ length: 8 }, () => []);
  for (const w of cal.weekly) {
    const start = minutesOf(w.start)!;
    let end = minutesOf(w.end)!;
    if (end <= start) end += 24 * 60;
    shifts[w.weekday]!.push({ start, end });
  }
  for (const s of shifts) s.sort((a, b) => a.start - b.start);
  const oneOff = new Set<number>();
  const yearly = new Set<number>();
  for (const h of cal.holidays) (h.recurring ? yearly : oneOff).add(holidayKey(h)!);
  return { zone: zone(cal.timeZone), alwaysOpen: cal.alwaysOpen, shifts, oneOff, yearly, days: new Map(), generation };
}

function isHoliday(c: CompiledCalendar, day: number): boolean {
  if (!c.oneOff.size && !c.yearly.size) return false;
  const { y, m, d } = ymdOf(day);
  return c.oneOff.has(y * 10_000 + m * 100 + d) || c.yearly.has(m * 100 + d);
}

/** The open stretches of the shifts that start on a local date, in start order (may overlap). */
function planOf(c: CompiledCalendar, day: number): DayPlan {
  if (c.generation !== generation) {
    c.days.clear();
    c.generation = generation;
  }
  let plan = c.days.get(day);
  if (plan) return plan;
  const shifts = c.shifts[weekdayOf(day)]!;
  const ranges: Array<[number, number]> = [];
  if (shifts.length && !isHoliday(c, day)) {
    for (const s of shifts) {
      const start = instantOf(c.zone, day, s.start);
      const end = instantOf(c.zone, day + Math.floor(s.end / 1440), s.end % 1440);
      if (end > start) ranges.push([start, end]);
    }
  }
  plan = { ranges, end: instantOf(c.zone, day + 1, 0) };
  if (++plans > MAX_PLANS) {
    plans = 1;
    generation++;
    c.days.clear();
    c.generation = generation;
  }
  c.days.set(day, plan);
  return plan;
}

/**
 * Calls `visit` with each open stretch [start, end) that ends after `from`, in time order and
 * without overlap, until it returns true. Overlapping or touching shifts are merged, but a
 * stretch is cut at each local midnight it runs past: a calendar open around the clock by its
 * shifts (Mon–Sun 00:00–24:00, or 00–08, 08–16, 16–24) never closes, so waiting for the end of
 * a stretch would wait forever. Not for always-open calendars. A callback, not a generator:
 * this is the hot loop of every due-time computation.
 *
 * Bounded: throws SlaCalendarError after MAX_CLOSED_DAYS days in a row without an open stretch,
 * or after MAX_WALK_DAYS days in all, so no calendar and no target can hold the event loop.
 * With `until`, the walk ends at the first local midnight at or after it: a measure up to `until`
 * must not look for the next open stretch beyond it, which on a sparse calendar may lie past
 * those bounds although the answer is already known.
 */
export function walkOpen(c: CompiledCalendar, from: number, visit: (start: number, end: number) => boolean, until = Infinity): void {
  // A shift from the day before may still run at `from`.
  const first = localDayOf(c.zone, from) - 1;
  let pendingStart = 0;
  let pendingEnd = -Infinity; // none pending
  let closedDays = 0;
  let dayStart = -Infinity;
  for (let day = first; ; day++) {
    // Every stretch not yet visited starts at or after this local midnight (see below).
    if (dayStart >= until) return;
    if (day - first > MAX_WALK_DAYS) throw new SlaCalendarError(t('error.sla_calendar_walk_too_long', { days: String(MAX_WALK_DAYS), from: new Date(from).toISOString() }));
    const { ranges, end: dayEnd } = planOf(c, day);
    closedDays = ranges.length ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS) throw new SlaCalendarError(t('error.sla_calendar_closed_too_long', { days: String(MAX_CLOSED_DAYS), from: new Date(from).toISOString() }));
    for (const [start, end] of ranges) {
      if (start <= pendingEnd) {
        if (end > pendingEnd) pendingEnd = end;
        continue;
      }
      if (pendingEnd > from && visit(pendingStart, pendingEnd)) return;
      pendingStart = start;
      pendingEnd = end;
    }
    // Later days' shifts start at or after this local midnight, so what is open before it is final.
    if (pendingEnd === -Infinity) {
      // nothing open is waiting
    } else if (pendingEnd <= dayEnd) {
      if (pendingEnd > from && visit(pendingStart, pendingEnd)) return;
      pendingEnd = -Infinity;
    } else if (pendingStart < dayEnd) {
      if (dayEnd > from && visit(pendingStart, dayEnd)) return;
      pendingStart = dayEnd;
    }
    dayStart = dayEnd;
  }
}
