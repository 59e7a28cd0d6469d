/**
 * Business-time arithmetic, table-driven. Every expected value is worked out by hand in the
 * row's comment: local wall times are converted with the zone's offset on that day
 * (Berlin CET = UTC+1, CEST = UTC+2; New York EST = UTC−5, EDT = UTC−4).
 * 2026's changes: Berlin 29 Mar 02:00 CET → 03:00 CEST (01:00Z) and 25 Oct 03:00 CEST → 02:00 CET
 * (01:00Z); New York 8 Mar 02:00 EST → 03:00 EDT (07:00Z) and 1 Nov 02:00 EDT → 01:00 EST (06:00Z).
 */
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, isOpen, nextOpenAt, SlaCalendarError, calendarProblems } from '#lib/sla/business-time.ts';
import type { BusinessCalendar, Holiday, IsoWeekday, WeeklyInterval } from '#lib/sla/types.ts';

const cal = (timeZone: string, weekly: WeeklyInterval[], holidays: Holiday[] = []): BusinessCalendar => ({ timeZone, alwaysOpen: false, weekly, holidays });
const days = (ds: IsoWeekday[], start: string, end: string): WeeklyInterval[] => ds.map((weekday) => ({ weekday, start, end }));
const MON_FRI: IsoWeekday[] = [1, 2, 3, 4, 5];
/** Mon–Fri 09:00–12:00 and 13:00–17:00: 420 minutes a day. */
const office = (timeZone: string, holidays: Holiday[] = []) => cal(timeZone, [...days(MON_FRI, '09:00', '12:00'), ...days(MON_FRI, '13:00', '17:00')], holidays);
const sunday = (timeZone: string, start: string, end: string) => cal(timeZone, days([7], start, end));
const d = (iso: string) => new Date(iso);

describe('business minutes across DST changes', () => {
  const rows: Array<{ name: string; cal: BusinessCalendar; from: string; to: string; minutes: number }> = [
    // Sun 29 Mar 00:00 CET = Sat 23:00Z; 06:00 CEST = 04:00Z → 5 h: the skipped hour is not business time.
    { name: 'Berlin spring forward, 00:00–06:00', cal: sunday('Europe/Berlin', '00:00', '06:00'), from: '2026-03-28T12:00Z', to: '2026-03-30T00:00Z', minutes: 300 },
    // 02:30 does not exist: the interval opens when the clock jumps, 03:00 CEST = 01:00Z; 05:00 CEST = 03:00Z → 120.
    { name: 'Berlin spring forward, interval starting in the skipped hour', cal: sunday('Europe/Berlin', '02:30', '05:00'), from: '2026-03-28T12:00Z', to: '2026-03-30T00:00Z', minutes: 120 },
    // 02:00 and 03:00 both map to the jump at 01:00Z → empty.
    { name: 'Berlin spring forward, interval wholly in the skipped hour', cal: sunday('Europe/Berlin', '02:00', '03:00'), from: '2026-03-28T12:00Z', to: '2026-03-30T00:00Z', minutes: 0 },
    // Sun 25 Oct 00:00 CEST = Sat 22:00Z; 06:00 CET = 05:00Z → 7 h: the repeated hour counts twice.
    { name: 'Berlin fall back, 00:00–06:00', cal: sunday('Europe/Berlin', '00:00', '06:00'), from: '2026-10-24T12:00Z', to: '2026-10-26T00:00Z', minutes: 420 },
    // 02:30 happens twice: the first one, 02:30 CEST = 00:30Z; 05:00 CET = 04:00Z → 210.
    { name: 'Berlin fall back, interval starting in the repeated hour', cal: sunday('Europe/Berlin', '02:30', '05:00'), from: '2026-10-24T12:00Z', to: '2026-10-26T00:00Z', minutes: 210 },
    // 00:00–24:00 on the spring day: 23:00Z Sat → 22:00Z Sun (midnight CEST) = 23 h.
    { name: 'Berlin spring forward, 00:00–24:00 is 23 hours', cal: sunday('Europe/Berlin', '00:00', '24:00'), from: '2026-03-28T00:00Z', to: '2026-03-31T00:00Z', minutes: 1380 },
    // 00:00–24:00 on the fall day: 22:00Z Sat → 23:00Z Sun (midnight CET) = 25 h.
    { name: 'Berlin fall back, 00:00–24:00 is 25 hours', cal: sunday('Europe/Berlin', '00:00', '24:00'), from: '2026-10-24T00:00Z', to: '2026-10-27T00:00Z', minutes: 1500 },
    // Sun 8 Mar 00:00 EST = 05:00Z; 06:00 EDT = 10:00Z → 5 h.
    { name: 'New York spring forward, 00:00–06:00', cal: sunday('America/New_York', '00:00', '06:00'), from: '2026-03-07T00:00Z', to: '2026-03-09T12:00Z', minutes: 300 },
    // 02:15 does not exist: opens at the jump 07:00Z (03:00 EDT); 04:00 EDT = 08:00Z → 60.
    { name: 'New York spring forward, interval starting in the skipped hour', cal: sunday('America/New_York', '02:15', '04:00'), from: '2026-03-07T00:00Z', to: '2026-03-09T12:00Z', minutes: 60 },
    // Sun 1 Nov 00:00 EDT = 04:00Z; 06:00 EST = 11:00Z → 7 h.
    { name: 'New York fall back, 00:00–06:00', cal: sunday('America/New_York', '00:00', '06:00'), from: '2026-10-31T00:00Z', to: '2026-11-02T12:00Z', minutes: 420 },
    // First 01:30 is EDT = 05:30Z; 02:30 EST = 07:30Z → 120 (01:00–02:00 EST is the repeat, inside).
    { name: 'New York fall back, interval starting in the repeated hour', cal: sunday('America/New_York', '01:30', '02:30'), from: '2026-10-31T00:00Z', to: '2026-11-02T12:00Z', minutes: 120 },
  ];
  it.each(rows)('$name: $minutes', ({ cal: c, from, to, minutes }) => {
    expect(businessMinutesBetween(c, d(from), d(to))).toBe(minutes);
  });

  const adds: Array<{ name: string; cal: BusinessCalendar; start: string; minutes: number; due: string }> = [
    // Fri 27 Mar 16:00 CET (15:00Z): 60 until 17:00; Mon 30 Mar (now CEST) 09:00 + 60 = 10:00 CEST = 08:00Z.
    { name: 'Berlin office over the spring weekend', cal: office('Europe/Berlin'), start: '2026-03-27T15:00Z', minutes: 120, due: '2026-03-30T08:00Z' },
    // Fri 23 Oct 16:30 CEST (14:30Z): 30 until 17:00; Mon 26 Oct (now CET) 09:00 + 30 = 09:30 CET = 08:30Z.
    { name: 'Berlin office over the fall weekend', cal: office('Europe/Berlin'), start: '2026-10-23T14:30Z', minutes: 60, due: '2026-10-26T08:30Z' },
    // Fri 6 Mar 16:00 EST (21:00Z): 60 until 17:00; Mon 9 Mar (EDT) 09:00 + 60 = 10:00 EDT = 14:00Z.
    { name: 'New York office over the spring weekend', cal: office('America/New_York'), start: '2026-03-06T21:00Z', minutes: 120, due: '2026-03-09T14:00Z' },
    // Fri 30 Oct 16:00 EDT (20:00Z): 60; Mon 2 Nov (EST) 09:00 + 60 = 10:00 EST = 15:00Z.
    { name: 'New York office over the fall weekend', cal: office('America/New_York'), start: '2026-10-30T20:00Z', minutes: 120, due: '2026-11-02T15:00Z' },
    // Sat 23:30Z = Sun 00:30 CET; 90 real minutes reach 02:00 CET = 01:00Z, the jump, which reads 03:00 CEST
    // (business minutes are real minutes; the skipped hour never happened). 150 → 02:00Z = 04:00 CEST.
    { name: 'Berlin night shift up to the jump', cal: sunday('Europe/Berlin', '00:00', '06:00'), start: '2026-03-28T23:30Z', minutes: 90, due: '2026-03-29T01:00Z' },
    { name: 'Berlin night shift through the jump', cal: sunday('Europe/Berlin', '00:00', '06:00'), start: '2026-03-28T23:30Z', minutes: 150, due: '2026-03-29T02:00Z' },
    // Sun 25 Oct 02:30 CEST = 00:30Z; 90 minutes of real time → 02:00Z = 02:00 CET (second pass of the hour).
    { name: 'Berlin night shift through the repeated hour', cal: sunday('Europe/Berlin', '00:00', '06:00'), start: '2026-10-25T00:30Z', minutes: 90, due: '2026-10-25T02:00Z' },
    // Always open: 1440 minutes are 24 real hours: Sat 12:00 CET (11:00Z) → Sun 11:00Z, which reads 13:00 CEST.
    {
      name: 'always open across the spring change is elapsed time',
      cal: { ...sunday('Europe/Berlin', '09:00', '10:00'), alwaysOpen: true },
      start: '2026-03-28T11:00Z',
      minutes: 1440,
      due: '2026-03-29T11:00Z',
    },
  ];
  it.each(adds)('$name', ({ cal: c, start, minutes, due }) => {
    expect(addBusinessMinutes(c, d(start), minutes).toISOString()).toBe(d(due).toISOString());
    expect(businessMinutesBetween(c, d(start), d(due))).toBe(minutes);
  });

  it('isOpen follows the mapped edges: the jump opens a skipped-hour interval, closing times are closed', () => {
    const c = sunday('Europe/Berlin', '02:30', '05:00');
    expect(isOpen(c, d('2026-03-29T00:59:59.999Z'))).toBe(false); // 01:59:59.999 CET
    expect(isOpen(c, d('2026-03-29T01:00Z'))).toBe(true); // 03:00 CEST, the jump
    expect(isOpen(c, d('2026-03-29T02:59:59.999Z'))).toBe(true);
    expect(isOpen(c, d('2026-03-29T03:00Z'))).toBe(false); // 05:00 CEST
    const f = sunday('Europe/Berlin', '02:30', '05:00');
    expect(isOpen(f, d('2026-10-25T00:29Z'))).toBe(false); // 02:29 CEST
    expect(isOpen(f, d('2026-10-25T01:15Z'))).toBe(true); // 02:15 CET, in the repeat after the first 02:30
  });
});

describe('holidays', () => {
  const xmas: Holiday[] = [{ date: '2020-12-25', recurring: true }];
  const rows: Array<{ name: string; cal: BusinessCalendar; start: string; minutes: number; due: string }> = [
    // Thu 24 Dec 2026 16:00 CET (15:00Z): 60 until 17:00; Fri 25 holiday; Sat, Sun closed; Mon 28 09:00 + 60 = 10:00 CET = 09:00Z.
    { name: 'recurring Friday holiday before a weekend', cal: office('Europe/Berlin', xmas), start: '2026-12-24T15:00Z', minutes: 120, due: '2026-12-28T09:00Z' },
    // Same with a one-off holiday on Fri 25 Dec 2026.
    { name: 'one-off Friday holiday before a weekend', cal: office('Europe/Berlin', [{ date: '2026-12-25', recurring: false }]), start: '2026-12-24T15:00Z', minutes: 120, due: '2026-12-28T09:00Z' },
    // The one-off 2026 date does not close Mon 25 Dec 2028: Fri 22 Dec 2028 16:00 CET + 120 → 60 Fri, Mon 25 09:00 + 60 = 10:00 CET.
    { name: 'a one-off holiday is one year only', cal: office('Europe/Berlin', [{ date: '2026-12-25', recurring: false }]), start: '2028-12-22T15:00Z', minutes: 120, due: '2028-12-25T09:00Z' },
    // The recurring one does: Mon 25 Dec 2028 closed → Tue 26 09:00 + 60 = 10:00 CET = 09:00Z.
    { name: 'a recurring holiday repeats every year', cal: office('Europe/Berlin', xmas), start: '2028-12-22T15:00Z', minutes: 120, due: '2028-12-26T09:00Z' },
    // Holidays are local dates: New York Fri 3 Jul 2026 holiday; Thu 2 Jul 16:00 EDT (20:00Z) + 120 → 60 Thu, Mon 6 Jul 10:00 EDT = 14:00Z.
    {
      name: 'holiday in the calendar zone (New York)',
      cal: office('America/New_York', [{ date: '2026-07-03', recurring: false }]),
      start: '2026-07-02T20:00Z',
      minutes: 120,
      due: '2026-07-06T14:00Z',
    },
  ];
  it.each(rows)('$name', ({ cal: c, start, minutes, due }) => {
    expect(addBusinessMinutes(c, d(start), minutes).toISOString()).toBe(d(due).toISOString());
  });

  it('measures around a Friday holiday: Thu 13:00–17:00 (240) + Mon 09:00–12:00 (180) = 420', () => {
    expect(businessMinutesBetween(office('Europe/Berlin', xmas), d('2026-12-24T12:00Z'), d('2026-12-28T11:30Z'))).toBe(420);
  });
});

describe('windows crossing midnight', () => {
  // Mon–Fri 22:00–06:00 in Berlin (CET, UTC+1). Each shift belongs to the day it starts on.
  const night = (holidays: Holiday[] = []) => cal('Europe/Berlin', days(MON_FRI, '22:00', '06:00'), holidays);
  const rows: Array<{ name: string; holidays: Holiday[]; from: string; to: string; minutes: number }> = [
    // Tue 1 Dec 00:00 → Thu 3 Dec 12:00 local: Mon's shift Tue 00–06 (360) + Tue's shift 22–06 (480) + Wed's shift 22–06 (480) = 1320.
    { name: 'three shifts', holidays: [], from: '2026-11-30T23:00Z', to: '2026-12-03T11:00Z', minutes: 1320 },
    // Wed 2 Dec a holiday: Wed's own shift (Wed 22:00–Thu 06:00) is cancelled, Tue's shift runs on into Wed until 06:00 → 360 + 480 = 840.
    {
      name: 'a holiday cancels the shift starting that day, not the one running into it',
      holidays: [{ date: '2026-12-02', recurring: false }],
      from: '2026-11-30T23:00Z',
      to: '2026-12-03T11:00Z',
      minutes: 840,
    },
    // Fri 4 Dec 22:00 → Sat 06:00 is Friday's shift (480); Sunday has no shift, so Mon 00:00–06:00 is closed; Mon 22:00 → 24:00 is 120. Total to Mon 7 Dec 24:00 local: 600.
    { name: 'weekend: Friday night open, Sunday night closed', holidays: [], from: '2026-12-04T12:00Z', to: '2026-12-07T23:00Z', minutes: 600 },
  ];
  it.each(rows)('$name: $minutes', ({ holidays, from, to, minutes }) => {
    expect(businessMinutesBetween(night(holidays), d(from), d(to))).toBe(minutes);
  });

  it('adds through a crossing shift: Tue 23:00 local + 480 → 06:00 Wed is 420, then Wed 22:00 + 60 = 23:00 Wed', () => {
    expect(addBusinessMinutes(night(), d('2026-12-01T22:00Z'), 480).toISOString()).toBe('2026-12-02T22:00:00.000Z');
  });

  it('isOpen: Saturday 05:59 is open (Friday shift), Monday 03:00 is closed (no Sunday shift)', () => {
    expect(isOpen(night(), d('2026-12-05T04:59Z'))).toBe(true);
    expect(isOpen(night(), d('2026-12-07T02:00Z'))).toBe(false);
    expect(nextOpenAt(night(), d('2026-12-07T02:00Z')).toISOString()).toBe('2026-12-07T21:00:00.000Z');
  });
});

describe('schedules', () => {
  it("24:00 touches the next day's 00:00 and the two merge", () => {
    // Sat 18:00–24:00 + Sun 00:00–02:00 (UTC zone for plain numbers): Sat 23:30 + 60 → Sun 00:30.
    const c = cal('UTC', [...days([6], '18:00', '24:00'), ...days([7], '00:00', '02:00')]);
    expect(addBusinessMinutes(c, d('2026-12-05T23:30Z'), 60).toISOString()).toBe('2026-12-06T00:30:00.000Z');
    expect(businessMinutesBetween(c, d('2026-12-05T00:00Z'), d('2026-12-07T00:00Z'))).toBe(480);
  });

  it('several and overlapping intervals in a day merge: 09–12 ∪ 11–13 ∪ 15–16 = 240 + 60', () => {
    const c = cal('UTC', [...days([2], '09:00', '12:00'), ...days([2], '11:00', '13:00'), ...days([2], '15:00', '16:00')]);
    expect(businessMinutesBetween(c, d('2026-12-01T00:00Z'), d('2026-12-02T00:00Z'))).toBe(300);
    // 09:00 + 241 → 13:00 is 240, then 15:00 + 1 = 15:01.
    expect(addBusinessMinutes(c, d('2026-12-01T09:00Z'), 241).toISOString()).toBe('2026-12-01T15:01:00.000Z');
  });

  it('a due time lands on a closing edge rather than the next opening: Tue 09:00 + 420 = Tue 17:00', () => {
    expect(addBusinessMinutes(office('UTC'), d('2026-12-01T09:00Z'), 420).toISOString()).toBe('2026-12-01T17:00:00.000Z');
  });

  it('a start in closed time counts from the next opening; 0 minutes returns the start', () => {
    expect(addBusinessMinutes(office('UTC'), d('2026-12-05T10:00Z'), 1).toISOString()).toBe('2026-12-07T09:01:00.000Z');
    expect(addBusinessMinutes(office('UTC'), d('2026-12-05T10:00Z'), 0).toISOString()).toBe('2026-12-05T10:00:00.000Z');
  });

  it('measures backwards as negative', () => {
    expect(businessMinutesBetween(office('UTC'), d('2026-12-01T11:00Z'), d('2026-12-01T10:00Z'))).toBe(-60);
  });

  it('spans a year by walking intervals: 2027 in Berlin has 261 weekdays × 420, minus 1 Jan (Fri) = 260 × 420', () => {
    expect(businessMinutesBetween(office('Europe/Berlin', [{ date: '2000-01-01', recurring: true }]), d('2026-12-31T23:00Z'), d('2027-12-31T23:00Z'))).toBe(260 * 420);
  });
});

describe('a measure stops at its end', () => {
  // Found by the property test on CI: measuring up to a point near the 20-year walk bound walked
  // on to the next opening after it (a week away on this calendar) and threw past the bound.
  it('Mondays 00:00–00:01 Berlin, from Wed 1 Jan 2025 for 7,318 days (1,045 weeks and Wed–Fri): 1,045 minutes', () => {
    const mondayMinute = cal('Europe/Berlin', days([1], '00:00', '00:01'));
    const from = d('2025-01-01T00:00Z');
    expect(businessMinutesBetween(mondayMinute, from, new Date(from.getTime() + 7318 * 86_400_000))).toBe(1045);
    expect(isOpen(mondayMinute, new Date(from.getTime() + 7318 * 86_400_000))).toBe(false);
  });
});

describe('bad calendars', () => {
  it('names every problem', () => {
    expect(calendarProblems(cal('Mars/Olympus', [{ weekday: 8 as IsoWeekday, start: '24:00', end: '25:00' }], [{ date: '2026-02-30', recurring: false }]))).toEqual([
      'timeZone: unknown IANA time zone "Mars/Olympus"',
      'weekly[0].weekday: must be 1 (Monday) to 7 (Sunday)',
      'weekly[0].start: must be HH:MM from 00:00 to 23:59',
      'weekly[0].end: must be HH:MM from 00:00 to 24:00',
      'holidays[0].date: must be a real date YYYY-MM-DD',
    ]);
    expect(() => addBusinessMinutes(cal('UTC', []), d('2026-12-01T00:00Z'), 5)).toThrow(SlaCalendarError);
  });

  it('a calendar with no open time throws instead of looping', () => {
    // Only Mondays, and every month-day of a leap year is a recurring holiday.
    const all: Holiday[] = [];
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2001, 0, 1); t += 86_400_000) all.push({ date: new Date(t).toISOString().slice(0, 10), recurring: true });
    const c = cal('UTC', days([1], '09:00', '10:00'), all);
    expect(() => addBusinessMinutes(c, d('2026-12-01T00:00Z'), 5)).toThrow(/no open time/);
    // Whether it is open at one instant needs no walk past that instant's day: no.
    expect(isOpen(c, d('2026-12-01T00:00Z'))).toBe(false);
  });

  it('rejects negative minutes', () => {
    expect(() => addBusinessMinutes(office('UTC'), d('2026-12-01T00:00Z'), -1)).toThrow(RangeError);
  });
});
