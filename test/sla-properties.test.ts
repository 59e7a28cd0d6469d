/**
 * Properties of the business-time arithmetic over random calendars and instants, with instants
 * drawn both anywhere in 2025–2028 and close to the DST changes of the zones used.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMsBetween, isOpen, SlaCalendarError } from '#lib/sla/business-time.ts';
import { MAX_WALK_DAYS } from '#lib/sla/calendar.ts';
import { computeSlaTargets } from '#lib/sla/clock.ts';
import type { BusinessCalendar, IsoWeekday, SlaPolicySnapshot, SlaTicketEvent } from '#lib/sla/types.ts';
import type { TicketStatus } from '#lib/tickets/model.ts';

// Whole-hour and half-hour DST (Lord Howe), southern hemisphere, no DST, odd offsets.
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
const CHANGES = [
  '2026-03-29T01:00Z',
  '2026-10-25T01:00Z', // Berlin
  '2026-03-08T07:00Z',
  '2026-11-01T06:00Z', // New York
  '2026-04-04T15:00Z',
  '2026-10-03T15:30Z', // Lord Howe (±30 min)
  '2026-04-05T03:00Z',
  '2026-09-06T04:00Z', // Santiago
].map((s) => Date.parse(s));
const MINUTE = 60_000;

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const interval = fc.record({
  weekday: fc.integer({ min: 1, max: 7 }).map((n) => n as IsoWeekday),
  // Any minute of the day, often on the quarter hour; ends include 24:00 and times at or before the start (past midnight).
  start: fc
    .oneof(
      fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
      fc.integer({ min: 0, max: 1439 }),
    )
    .map(hhmm),
  end: fc
    .oneof(
      fc.integer({ min: 1, max: 96 }).map((q) => q * 15),
      fc.integer({ min: 0, max: 1440 }),
    )
    .map(hhmm),
});
const holiday = fc.record({
  date: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10)),
  recurring: fc.boolean(),
});
const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  alwaysOpen: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  weekly: fc.array(interval, { minLength: 1, maxLength: 8 }),
  holidays: fc.array(holiday, { maxLength: 6 }),
});
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }),
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 })).map(([t, m]) => t + m * MINUTE),
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -7_200_000, max: 7_200_000 })).map(([t, ms]) => t + ms),
);
const minutes = fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 20_000 }));
const RUNS = { numRuns: 400 };

/** The walker's refusal to compute past MAX_WALK_DAYS (20 years), which keeps every request bounded. */
const isWalkCap = (err: unknown) => err instanceof SlaCalendarError && /more than \d+ days/.test(err.message);

/**
 * addBusinessMinutes, or null when it refuses a target past the walk cap: then the calendar must
 * truly not hold `n` minutes in that time (a 14-minute week and 20,000 minutes, say).
 */
function addOrUnreachable(cal: BusinessCalendar, t: number, n: number): Date | null {
  try {
    return addBusinessMinutes(cal, new Date(t), n);
  } catch (err) {
    if (!isWalkCap(err)) throw err;
    expect(businessMsBetween(cal, new Date(t), new Date(t + (MAX_WALK_DAYS - 2) * 86_400_000))).toBeLessThan(n * MINUTE);
    return null;
  }
}

describe('business-time properties', () => {
  it('adding n business minutes, then measuring from the start to the result, gives n back', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, t, n) => {
        const due = addOrUnreachable(cal, t, n);
        if (due) expect(businessMsBetween(cal, new Date(t), due)).toBe(n * MINUTE);
      }),
      RUNS,
    );
  });

  it('the result is never in closed time: the calendar is open for the millisecond before it', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, t, n) => {
        const due = addOrUnreachable(cal, t, n)?.getTime();
        if (due === undefined) return;
        expect(due).toBeGreaterThan(t);
        expect(isOpen(cal, new Date(due - 1))).toBe(true);
      }),
      RUNS,
    );
  });

  it('businessMsBetween is additive over a split point', () => {
    fc.assert(
      fc.property(calendar, fc.array(instant, { minLength: 3, maxLength: 3 }), (cal, ts) => {
        const [a, m, b] = ts.sort((x, y) => x - y).map((x) => new Date(x)) as [Date, Date, Date];
        expect(businessMsBetween(cal, a, m) + businessMsBetween(cal, m, b)).toBe(businessMsBetween(cal, a, b));
      }),
      RUNS,
    );
  });

  it('isOpen agrees with the measure: open at t exactly when [t, t + 1 ms) is business time', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        expect(isOpen(cal, new Date(t))).toBe(businessMsBetween(cal, new Date(t), new Date(t + 1)) === 1);
      }),
      RUNS,
    );
  });
});

describe('clock properties', () => {
  // Random histories of status changes after creation; the resolution clock pauses in pending/on_hold and stops when solved.
  const statuses = fc.constantFrom<TicketStatus>('open', 'pending', 'on_hold', 'open', 'solved');
  const history = fc.tuple(instant, fc.array(fc.tuple(fc.integer({ min: 1, max: 3 * 24 * 60 }), statuses), { maxLength: 6 })).map(([t0, steps]) => {
    const events: SlaTicketEvent[] = [{ at: new Date(t0), kind: 'created' }];
    let t = t0;
    for (const [gap, status] of steps) events.push({ at: new Date((t += gap * MINUTE)), kind: 'status', status });
    return { events, last: t };
  });
  const target = fc.record({ minutes: fc.integer({ min: 1, max: 5000 }), businessHours: fc.boolean() });

  it('a running target has used exactly its minutes at its due moment, and elapsed + remaining = target', () => {
    fc.assert(
      fc.property(calendar, history, target, fc.integer({ min: 0, max: 5 * 24 * 60 }), (cal, { events, last }, t, after) => {
        const policy: SlaPolicySnapshot = { policyId: 'p', calendar: cal, targets: [{ metric: 'resolution', ...t }], pauseStatuses: ['pending', 'on_hold'], warnPercent: 80 };
        const now = new Date(last + after * MINUTE);
        let states: ReturnType<typeof computeSlaTargets>;
        try {
          states = computeSlaTargets(policy, events, now);
        } catch (err) {
          // A target the calendar cannot reach within the walk cap (saving such a policy is refused).
          if (isWalkCap(err)) return;
          throw err;
        }
        const [s] = states;
        expect(s!.elapsedMinutes + s!.remainingMinutes).toBeCloseTo(t.minutes, 6);
        if (s!.status !== 'running' && !(s!.status === 'breached' && s!.dueAt)) return;
        // Measured again at its due moment (no events after `last` can intervene: due ≥ the last stretch's start).
        const [atDue] = computeSlaTargets(policy, events, s!.dueAt!);
        expect(atDue!.elapsedMinutes).toBeCloseTo(t.minutes, 6);
        expect(atDue!.status).toBe('breached');
        if (s!.warnAt) expect(s!.warnAt.getTime()).toBeLessThanOrEqual(s!.dueAt!.getTime());
      }),
      { numRuns: 300 },
    );
  });
});
