/**
 * The SLA clock from ticket histories, table-driven. Calendar: Berlin, Mon–Fri 09:00–12:00 and
 * 13:00–17:00 (420 business minutes a day). December 2026 is CET (UTC+1): Mon 30 Nov, Tue 1 Dec,
 * Wed 2, Thu 3, Fri 4, Mon 7. Times in the comments are local; `at('Tue 10:00')` builds them.
 */
import { describe, expect, it } from 'vitest';
import { computeSlaTargets } from '#lib/sla/clock.ts';
import type { BusinessCalendar, IsoWeekday, SlaMetric, SlaPolicySnapshot, SlaTargetState, SlaTicketEvent, WeeklyInterval } from '#lib/sla/types.ts';
import type { TicketStatus } from '#lib/tickets/model.ts';

const DATES: Record<string, string> = { Mon: '2026-11-30', Tue: '2026-12-01', Wed: '2026-12-02', Thu: '2026-12-03', Fri: '2026-12-04', SatX: '2026-12-05', Mon2: '2026-12-07' };
/** 'Tue 10:00' → that local time in Berlin (CET). */
const at = (s: string) => {
  const [day, time] = s.split(' ') as [string, string];
  return new Date(`${DATES[day]}T${time}:00+01:00`);
};
const days = (ds: IsoWeekday[], start: string, end: string): WeeklyInterval[] => ds.map((weekday) => ({ weekday, start, end }));
const hours = (start: string, end: string, start2?: string, end2?: string): BusinessCalendar => ({
  timeZone: 'Europe/Berlin',
  alwaysOpen: false,
  weekly: [...days([1, 2, 3, 4, 5], start, end), ...(start2 && end2 ? days([1, 2, 3, 4, 5], start2, end2) : [])],
  holidays: [],
});
const office = hours('09:00', '12:00', '13:00', '17:00');

/** first response 60, next response 120, resolution 960 business minutes; warn at 80 %. */
const policy = (over: Partial<SlaPolicySnapshot> = {}, resolution = 960, businessHours = true): SlaPolicySnapshot => ({
  policyId: 'p1',
  calendar: office,
  targets: [
    { metric: 'first_response', minutes: 60, businessHours: true },
    { metric: 'next_response', minutes: 120, businessHours: true },
    { metric: 'resolution', minutes: resolution, businessHours },
  ],
  pauseStatuses: ['pending', 'on_hold'],
  warnPercent: 80,
  ...over,
});

const created = (s: string): SlaTicketEvent => ({ at: at(s), kind: 'created' });
const status = (s: string, st: TicketStatus): SlaTicketEvent => ({ at: at(s), kind: 'status', status: st });
const agent = (s: string): SlaTicketEvent => ({ at: at(s), kind: 'agent_reply' });
const customer = (s: string): SlaTicketEvent => ({ at: at(s), kind: 'customer_message' });

interface Expect {
  status: SlaTargetState['status'];
  due?: string | null;
  warn?: string | null;
  elapsed?: number;
  remaining?: number;
  fulfilled?: string | null;
  breached?: string | null;
  started?: string;
}
function check(states: SlaTargetState[], metric: SlaMetric, e: Expect): void {
  const s = states.find((x) => x.metric === metric);
  expect(s, metric).toBeDefined();
  const iso = (v: string | null | undefined) => (v ? at(v).toISOString() : v);
  const got: Expect = { status: s!.status };
  if ('due' in e) got.due = s!.dueAt ? s!.dueAt.toISOString() : null;
  if ('warn' in e) got.warn = s!.warnAt ? s!.warnAt.toISOString() : null;
  if ('elapsed' in e) got.elapsed = s!.elapsedMinutes;
  if ('remaining' in e) got.remaining = s!.remainingMinutes;
  if ('fulfilled' in e) got.fulfilled = s!.fulfilledAt ? s!.fulfilledAt.toISOString() : null;
  if ('breached' in e) got.breached = s!.breachedAt ? s!.breachedAt.toISOString() : null;
  if ('started' in e) got.started = s!.startedAt.toISOString();
  const want: Expect = { ...e };
  for (const k of ['due', 'warn', 'fulfilled', 'breached', 'started'] as const) if (k in want) want[k] = iso(want[k]) as string;
  expect(got, metric).toEqual(want);
}

describe('first response', () => {
  const rows: Array<{ name: string; events: SlaTicketEvent[]; now: string; want: Expect }> = [
    // Created Tue 10:00, due 10:00 + 60 = 11:00; the reply at 10:45 used 45 of 60.
    {
      name: 'met by the first public reply',
      events: [created('Tue 10:00'), agent('Tue 10:45')],
      now: 'Tue 12:00',
      want: { status: 'fulfilled', due: null, warn: null, elapsed: 45, remaining: 15, fulfilled: 'Tue 10:45', breached: null },
    },
    // Created Tue 16:30: 30 until 17:00, Wed 09:00 + 30 = due 09:30; warn at 48: 30 + 18 → Wed 09:18. Now Wed 09:10: 30 + 10 = 40 used.
    {
      name: 'running overnight',
      events: [created('Tue 16:30')],
      now: 'Wed 09:10',
      want: { status: 'running', due: 'Wed 09:30', warn: 'Wed 09:18', elapsed: 40, remaining: 20, fulfilled: null, breached: null },
    },
    // Same ticket at Wed 10:00: 30 + 60 = 90 used, missed at Wed 09:30.
    { name: 'breached while running', events: [created('Tue 16:30')], now: 'Wed 10:00', want: { status: 'breached', due: 'Wed 09:30', elapsed: 90, remaining: -30, breached: 'Wed 09:30' } },
    // Replied at Wed 09:40, after the due 09:30: breached, with the fulfilment recorded and the missed due kept.
    {
      name: 'late reply stays breached',
      events: [created('Tue 16:30'), agent('Wed 09:40')],
      now: 'Wed 12:00',
      want: { status: 'breached', due: 'Wed 09:30', warn: null, elapsed: 70, fulfilled: 'Wed 09:40', breached: 'Wed 09:30' },
    },
    // A reply exactly at the due moment is on time.
    {
      name: 'reply exactly at the due moment is met',
      events: [created('Tue 10:00'), agent('Tue 11:00')],
      now: 'Tue 12:00',
      want: { status: 'fulfilled', due: null, elapsed: 60, remaining: 0, breached: null },
    },
    // Agent-created ticket: its own public message at creation is not a reply; the next one (09:40) is.
    {
      name: 'agent-created ticket: the opening message does not count',
      events: [created('Tue 09:00'), agent('Tue 09:00'), agent('Tue 09:40')],
      now: 'Tue 12:00',
      want: { status: 'fulfilled', elapsed: 40, fulfilled: 'Tue 09:40' },
    },
    // Solved at 09:30 with no reply: the clock stops at the solve, met (30 of 60).
    { name: 'solving without a reply stops it', events: [created('Tue 09:00'), status('Tue 09:30', 'solved')], now: 'Tue 12:00', want: { status: 'fulfilled', elapsed: 30, fulfilled: 'Tue 09:30' } },
    // Pending does not pause first response: created 09:00, pending 09:10, now 10:30 → breached at 10:00.
    { name: 'pending does not pause it', events: [created('Tue 09:00'), status('Tue 09:10', 'pending')], now: 'Tue 10:30', want: { status: 'breached', elapsed: 90, breached: 'Tue 10:00' } },
  ];
  it.each(rows)('$name', ({ events, now, want }) => check(computeSlaTargets(policy(), events, at(now)), 'first_response', want));
});

describe('next response', () => {
  // Customer writes at 09:05 (before any reply: first response covers it), agent replies 09:30; customer 11:50
  // starts a cycle, 13:30 does not restart it; agent 14:00 ends it. Due: 11:50 + 10 (to 12:00) + 110 (13:00 →) = 14:50.
  // Used: 10 + 60 = 70. Then customer 16:30 starts cycle 2: 30 Tue + Wed 09:00 + 90 → due Wed 10:30; warn at 96: 30 + 66 → Wed 10:06.
  const events = [created('Tue 09:00'), customer('Tue 09:05'), agent('Tue 09:30'), customer('Tue 11:50'), customer('Tue 13:30'), agent('Tue 14:00'), customer('Tue 16:30')];
  it('none before the first agent reply', () => {
    expect(computeSlaTargets(policy(), events.slice(0, 2), at('Tue 09:20')).map((s) => s.metric)).toEqual(['first_response', 'resolution']);
  });
  it('the oldest unanswered customer message starts it; the next agent reply ends it', () => {
    check(computeSlaTargets(policy(), events.slice(0, 6), at('Tue 15:00')), 'next_response', {
      status: 'fulfilled',
      started: 'Tue 11:50',
      due: null,
      elapsed: 70,
      remaining: 50,
      fulfilled: 'Tue 14:00',
    });
  });
  it('reports the latest cycle', () => {
    check(computeSlaTargets(policy(), events, at('Wed 09:00')), 'next_response', { status: 'running', started: 'Tue 16:30', due: 'Wed 10:30', warn: 'Wed 10:06', elapsed: 30, remaining: 90 });
  });
});

describe('resolution: pauses, reopen', () => {
  // Created Tue 09:00 (960 target). pending 11:00 (used 120), open 15:00 (paused 11–15), pending Wed 10:00
  // (Tue 15–17 120 + Wed 09–10 60 → 300 used), open Thu 09:30. Due: 660 left from Thu 09:30: Thu 09:30–12 150 (510),
  // 13–17 240 (270), Fri 09–12 180 (90), Fri 13:00 + 90 = 14:30. Warn at 768: 468 left from Thu 09:30 → 150, 240, Fri 09:00 + 78 = 10:18.
  const paused = [created('Tue 09:00'), status('Tue 11:00', 'pending'), status('Tue 15:00', 'open'), status('Wed 10:00', 'pending'), status('Thu 09:30', 'open')];
  const rows: Array<{ name: string; events: SlaTicketEvent[]; now: string; want: Expect }> = [
    { name: 'paused in the second stretch', events: paused, now: 'Wed 12:00', want: { status: 'paused', due: null, warn: null, elapsed: 300, remaining: 660 } },
    { name: 'running again after two pauses', events: paused, now: 'Thu 10:00', want: { status: 'running', due: 'Fri 14:30', warn: 'Fri 10:18', elapsed: 330, remaining: 630, breached: null } },
    // on_hold pauses too: same as above with on_hold for the second pause.
    { name: 'on_hold pauses too', events: [...paused.slice(0, 3), status('Wed 10:00', 'on_hold'), paused[4]!], now: 'Thu 10:00', want: { status: 'running', due: 'Fri 14:30', elapsed: 330 } },
  ];
  it.each(rows)('$name', ({ events, now, want }) => check(computeSlaTargets(policy(), events, at(now)), 'resolution', want));

  it('with pauseStatuses [] nothing pauses: Tue 420 + Wed 420 + Thu 09:00 + 120 → due Thu 11:00', () => {
    check(computeSlaTargets(policy({ pauseStatuses: [] }), paused, at('Thu 10:00')), 'resolution', { status: 'running', due: 'Thu 11:00', elapsed: 900 });
  });

  // Created Tue 09:00, reply 09:20, solved Tue 15:00 (9–12 180 + 13–15 120 = 300 used). Customer writes Thu 10:00
  // and the ticket reopens: 660 left from Thu 10:00 → Thu 10–12 120 (540), 13–17 240 (300), Fri 09–12 180 (120), Fri 13:00 + 120 = 15:00.
  const reopened = [created('Tue 09:00'), agent('Tue 09:20'), status('Tue 15:00', 'solved'), customer('Thu 10:00'), status('Thu 10:00', 'open')];
  it('solved: fulfilled with the time used', () => {
    check(computeSlaTargets(policy(), reopened.slice(0, 3), at('Wed 12:00')), 'resolution', { status: 'fulfilled', due: null, warn: null, elapsed: 300, fulfilled: 'Tue 15:00' });
  });
  it('reopen resumes with the time already used', () => {
    const states = computeSlaTargets(policy(), reopened, at('Thu 11:00'));
    check(states, 'resolution', { status: 'running', due: 'Fri 15:00', elapsed: 360, remaining: 600, fulfilled: null });
    // The customer message after the solve starts a next-response cycle: Thu 10:00 + 120 = 12:00; warn at 96 → 11:36.
    check(states, 'next_response', { status: 'running', started: 'Thu 10:00', due: 'Thu 12:00', warn: 'Thu 11:36', elapsed: 60 });
    check(states, 'first_response', { status: 'fulfilled', fulfilled: 'Tue 09:20', elapsed: 20 });
  });
  it('solved again: fulfilled at the second solve, 300 + Thu 10–12 120 + 13–16 180 = 600 used', () => {
    check(computeSlaTargets(policy(), [...reopened, agent('Thu 10:30'), status('Thu 16:00', 'solved'), status('Thu 17:00', 'closed')], at('Fri 09:00')), 'resolution', {
      status: 'fulfilled',
      elapsed: 600,
      fulfilled: 'Thu 16:00',
    });
  });
});

describe('recomputation from history', () => {
  // Created Tue 09:00, now Tue 11:00 (120 used). normal = 960 → Tue 420, Wed 420, Thu 09:00 + 120 = Thu 11:00.
  // high = 240 → Tue 09–12 180, 13:00 + 60 = Tue 14:00. urgent = 60 → Tue 10:00, already past: breached.
  const events = [created('Tue 09:00')];
  const rows: Array<{ name: string; resolution: number; want: Expect }> = [
    { name: 'normal', resolution: 960, want: { status: 'running', due: 'Thu 11:00', elapsed: 120, remaining: 840 } },
    { name: 'raised to high', resolution: 240, want: { status: 'running', due: 'Tue 14:00', elapsed: 120, remaining: 120 } },
    { name: 'raised to urgent: the new due is already past', resolution: 60, want: { status: 'breached', due: 'Tue 10:00', elapsed: 120, remaining: -60, breached: 'Tue 10:00' } },
  ];
  it.each(rows)('priority change while running: $name', ({ resolution, want }) => check(computeSlaTargets(policy({}, resolution), events, at('Tue 11:00')), 'resolution', want));

  it('a recorded breach stays breached when the priority is lowered again', () => {
    // normal again: due Thu 11:00 is in the future, but the breach recorded under urgent stands.
    check(computeSlaTargets(policy({}, 960), events, at('Tue 11:00'), new Set(['resolution'])), 'resolution', { status: 'breached', due: 'Thu 11:00', elapsed: 120, remaining: 840, breached: null });
  });

  // A policy edited while tickets are open. Ticket A: created Tue 09:00, pending 10:00–14:00, now Tue 15:00.
  // Ticket B: created Mon 09:00, never paused, now Tue 15:00.
  const ticketA = [created('Tue 09:00'), status('Tue 10:00', 'pending'), status('Tue 14:00', 'open')];
  const ticketB = [created('Mon 09:00')];
  const edits: Array<{ name: string; policy: SlaPolicySnapshot; events: SlaTicketEvent[]; want: Expect }> = [
    // v1, 960 business: A used 09–10 = 60 before the pause, so 900 are left when it resumes at 14:00: Tue 14–17 180 (720),
    // Wed 420 (300), Thu 09–12 180 (120), Thu 13:00 + 120 = 15:00. Used by now: 60 + 14–15 60 = 120.
    { name: 'v1, ticket A', policy: policy(), events: ticketA, want: { status: 'running', due: 'Thu 15:00', elapsed: 120 } },
    // v1, B: Mon 420 + Tue 09–12 180 + 13–15 120 = 720; 240 left: Tue 15–17 120, Wed 09:00 + 120 = Wed 11:00.
    { name: 'v1, ticket B', policy: policy(), events: ticketB, want: { status: 'running', due: 'Wed 11:00', elapsed: 720 } },
    // v2, 480 calendar minutes: A ran 09–10 (60) before the pause, 420 left at 14:00 → due 21:00; used 60 + 60 = 120 real minutes.
    { name: 'v2 (480 calendar minutes), ticket A', policy: policy({}, 480, false), events: ticketA, want: { status: 'running', due: 'Tue 21:00', elapsed: 120, remaining: 360 } },
    // v2, B: due Mon 09:00 + 8 h = Mon 17:00, past: breached; ran 30 real hours = 1800.
    {
      name: 'v2 (480 calendar minutes), ticket B',
      policy: policy({}, 480, false),
      events: ticketB,
      want: { status: 'breached', due: 'Mon 17:00', elapsed: 1800, remaining: -1320, breached: 'Mon 17:00' },
    },
    // v3, the calendar edited to 08:00–18:00 (600 a day), 960 business: A used 09–10 = 60, 900 left at 14:00: Tue 14–18 240 (660),
    // Wed 08–18 600 (60), Thu 08:00 + 60 = 09:00.
    { name: 'v3 (calendar 08:00–18:00), ticket A', policy: policy({ calendar: hours('08:00', '18:00') }), events: ticketA, want: { status: 'running', due: 'Thu 09:00', elapsed: 120 } },
    // v3, B: Mon 09–18 540 + Tue 08:00 + 420 = 15:00, which is now: a due moment that has come is breached.
    {
      name: 'v3 (calendar 08:00–18:00), ticket B',
      policy: policy({ calendar: hours('08:00', '18:00') }),
      events: ticketB,
      want: { status: 'breached', breached: 'Tue 15:00', elapsed: 960, remaining: 0 },
    },
  ];
  it.each(edits)('policy edited while open: $name', ({ policy: p, events: ev, want }) => check(computeSlaTargets(p, ev, at('Tue 15:00')), 'resolution', want));
});

describe('clock details', () => {
  it('calendar-minute targets are elapsed time across DST: 24 h from Sat 28 Mar 12:00 CET is Sun 13:00 CEST', () => {
    const p: SlaPolicySnapshot = { ...policy(), targets: [{ metric: 'resolution', minutes: 1440, businessHours: false }] };
    const [s] = computeSlaTargets(p, [{ at: new Date('2026-03-28T11:00Z'), kind: 'created' }], new Date('2026-03-28T12:00Z'));
    expect(s!.dueAt!.toISOString()).toBe('2026-03-29T11:00:00.000Z');
  });
  it('ignores events after now, sorts by time, and has no targets without history', () => {
    const ev = [agent('Tue 10:30'), created('Tue 10:00')];
    check(computeSlaTargets(policy(), ev, at('Tue 10:20')), 'first_response', { status: 'running', elapsed: 20, due: 'Tue 11:00' });
    expect(computeSlaTargets(policy(), [], at('Tue 10:20'))).toEqual([]);
  });
  it('rejects a bad warnPercent', () => {
    expect(() => computeSlaTargets(policy({ warnPercent: 120 }), [created('Tue 10:00')], at('Tue 10:20'))).toThrow(RangeError);
  });
});
