/**
 * Business-time properties over calendars whose week is fully covered by shifts, run in a child
 * process by test/sla-calendar-gapless.test.ts: the walker used to loop forever on these, and a
 * synchronous loop cannot be timed out from inside the process that runs it. Prints one JSON
 * report on stdout: the first failure (if any) and the slowest single call.
 */
import fc from 'fast-check';
import { addBusinessMinutes, businessMinutesBetween, isOpen } from '#lib/sla/business-time.ts';
import type { BusinessCalendar, Holiday, IsoWeekday, WeeklyInterval } from '#lib/sla/types.ts';

export interface ProbeReport {
  canonical: Record<string, string>;
  failure: string | null;
  slowestCallMs: number;
  calls: number;
}

const MINUTE = 60_000;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata'];
const CHANGES = ['2026-03-29T01:00Z', '2026-10-25T01:00Z', '2026-03-08T07:00Z', '2026-11-01T06:00Z', '2026-04-04T15:00Z', '2026-04-05T03:00Z'].map((s) => Date.parse(s));
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 11, 31);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const ymd = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Each day 00:00–24:00 cut at the given minutes; `overnight` also lets one shift run into the next day. */
function coveredWeek(cuts: number[], overnight: boolean): WeeklyInterval[] {
  const points = [...new Set(cuts.filter((m) => m > 0 && m < 1440))].sort((a, b) => a - b);
  const out: WeeklyInterval[] = [];
  for (let day = 1; day <= 7; day++) {
    const weekday = day as IsoWeekday;
    const bounds = [0, ...points, 1440];
    for (let i = 0; i + 1 < bounds.length; i++) out.push({ weekday, start: hhmm(bounds[i]!), end: hhmm(bounds[i + 1]!) });
    // An overlapping shift from the last cut over midnight to the first one (22:00–06:00 style).
    if (overnight && points.length) out.push({ weekday, start: hhmm(points[points.length - 1]!), end: hhmm(points[0]!) });
  }
  return out;
}

const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -2 * 24 * 60, max: 2 * 24 * 60 })).map(([t, m]) => t + m * MINUTE),
);
const cuts = fc.array(
  fc.oneof(
    fc.integer({ min: 1, max: 95 }).map((q) => q * 15),
    fc.integer({ min: 1, max: 1439 }),
  ),
  { maxLength: 5 },
);
const pastHoliday = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2025, 11, 1) }).map((t): Holiday => ({ date: ymd(t), recurring: false }));
const anyHoliday = fc.record({ date: fc.integer({ min: FROM, max: TO }).map(ymd), recurring: fc.boolean() });
const covered = (holiday: fc.Arbitrary<Holiday>) =>
  fc.record({
    timeZone: fc.constantFrom(...ZONES),
    alwaysOpen: fc.constant(false),
    weekly: fc.tuple(cuts, fc.boolean()).map(([c, o]) => coveredWeek(c, o)),
    holidays: fc.array(holiday, { maxLength: 6 }),
  }) as fc.Arbitrary<BusinessCalendar>;
const minutes = fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 60_000 }));

let slowest = 0;
let calls = 0;
/** Times one call: the per-call wall-clock bound is checked by the test on the report. */
function timed<T>(fn: () => T): T {
  const started = performance.now();
  const out = fn();
  slowest = Math.max(slowest, performance.now() - started);
  calls += 1;
  return out;
}

function fail(message: string): never {
  throw new Error(message);
}

function runProbe(seed: number): ProbeReport {
  const mondayToSunday: BusinessCalendar = { timeZone: 'UTC', alwaysOpen: false, weekly: coveredWeek([], false), holidays: [] };
  const shifts: BusinessCalendar = { ...mondayToSunday, timeZone: 'Europe/Berlin', weekly: coveredWeek([480, 960], false) };
  const pastOnly: BusinessCalendar = {
    ...mondayToSunday,
    weekly: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d as IsoWeekday, start: '00:00', end: '24:00' })),
    holidays: [{ date: '2024-05-01', recurring: false }],
  };
  const at = new Date('2026-12-01T10:00Z');
  const canonical: Record<string, string> = {
    mondayToSunday: timed(() => addBusinessMinutes(mondayToSunday, at, 1)).toISOString(),
    shifts: timed(() => addBusinessMinutes(shifts, at, 1)).toISOString(),
    pastOnly: timed(() => addBusinessMinutes(pastOnly, at, 1)).toISOString(),
    between: String(timed(() => businessMinutesBetween(shifts, at, new Date('2026-12-08T10:00Z')))),
    open: String(timed(() => isOpen(pastOnly, at))),
  };
  let failure: string | null = null;
  try {
    // Open around the clock by its shifts, holidays only in the past: plain real-time arithmetic.
    fc.assert(
      fc.property(covered(pastHoliday), instant, minutes, (cal, t, n) => {
        const due = timed(() => addBusinessMinutes(cal, new Date(t), n)).getTime();
        if (due !== t + n * MINUTE) fail(`addBusinessMinutes(${JSON.stringify(cal)}, ${new Date(t).toISOString()}, ${n}) = ${new Date(due).toISOString()}, expected plain addition`);
        const between = timed(() => businessMinutesBetween(cal, new Date(t), new Date(t + n * MINUTE)));
        if (between !== n) fail(`businessMinutesBetween over ${n} real minutes gave ${between}`);
        if (!timed(() => isOpen(cal, new Date(t)))) fail(`isOpen false at ${new Date(t).toISOString()} on ${JSON.stringify(cal)}`);
      }),
      { numRuns: 300, seed },
    );
    // Holidays anywhere (they open gaps again): adding then measuring gives the minutes back.
    fc.assert(
      fc.property(covered(anyHoliday), instant, minutes, (cal, t, n) => {
        const due = timed(() => addBusinessMinutes(cal, new Date(t), n));
        const back = timed(() => businessMinutesBetween(cal, new Date(t), due));
        if (back !== n) fail(`${n} minutes added on ${JSON.stringify(cal)} from ${new Date(t).toISOString()} measure ${back}`);
        if (!timed(() => isOpen(cal, new Date(due.getTime() - 1)))) fail(`closed just before the due time ${due.toISOString()}`);
      }),
      { numRuns: 300, seed },
    );
  } catch (err) {
    failure = err instanceof Error ? err.message.slice(0, 2_000) : String(err);
  }
  return { canonical, failure, slowestCallMs: slowest, calls };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  process.stdout.write(`${JSON.stringify(runProbe(Number(process.argv[2] ?? 1)))}\n`);
}
