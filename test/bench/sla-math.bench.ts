/**
 * SLA clock math, pure CPU (no database): how many due times, business-time measurements and
 * full target recomputations one core does per second on a realistic calendar (Europe/Berlin,
 * Mon–Fri 09:00–12:00 and 13:00–17:00, German public holidays). Inputs come from a seeded PRNG,
 * so every run computes the same things. The CPU other processes used meanwhile is printed with
 * each figure, since this machine's two cores are shared.
 *
 * BENCH_SLA_OPS scales the operation counts (default 1).
 */
import { addBusinessMinutes, businessMinutesBetween } from '#lib/sla/business-time.ts';
import { computeSlaTargets } from '#lib/sla/clock.ts';
import type { BusinessCalendar, IsoWeekday, SlaPolicySnapshot, SlaTicketEvent } from '#lib/sla/types.ts';
import { cpuBetween, cpuSample } from './cpu.ts';

const SCALE = Number(process.env.BENCH_SLA_OPS ?? 1);
const WEEKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5];
const calendar = (): BusinessCalendar => ({
  timeZone: 'Europe/Berlin',
  alwaysOpen: false,
  weekly: WEEKDAYS.flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '13:00', end: '17:00' },
  ]),
  holidays: [
    ...['01-01', '05-01', '10-03', '12-24', '12-25', '12-26', '12-31'].map((md) => ({ date: `2000-${md}`, recurring: true })),
    ...['2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'].map((date) => ({ date, recurring: false })),
  ],
});
const cal = calendar();
const always: BusinessCalendar = { ...calendar(), alwaysOpen: true };

/** mulberry32: a tiny seeded PRNG, so runs are comparable. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rand = prng(20261201);
const FROM = Date.UTC(2026, 0, 1);
const SPAN = 2 * 365 * 86_400_000;
const instants = Array.from({ length: 4096 }, () => new Date(FROM + Math.floor(rand() * SPAN)));
/** A help desk's mix of targets: 1 h, 4 h, 1 day, 2 days, 5 days of business time. */
const TARGETS = [60, 240, 420, 960, 2100];

/**
 * Rate per second of this process's CPU time (user + system, from process.cpuUsage) as well as
 * per wall-clock second: on a shared machine the wall rate falls with the neighbours' load, the
 * CPU rate much less.
 */
function measure(name: string, ops: number, run: (i: number) => unknown): { name: string; perCpuSecond: number; perWallSecond: number; others: number | null } {
  for (let i = 0; i < Math.min(ops, 2000); i++) run(i); // warm-up: JIT and the zone's offset cache
  const before = cpuSample();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ops; i++) run(i);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const { others } = cpuBetween(before, cpuSample());
  const row = { name, perCpuSecond: Math.round((ops / cpuMs) * 1000), perWallSecond: Math.round((ops / wallMs) * 1000), others };
  console.log(
    `${name}: ${row.perCpuSecond.toLocaleString('en')} per CPU-second (${((cpuMs * 1000) / ops).toFixed(2)} µs CPU each), ` +
      `${row.perWallSecond.toLocaleString('en')} per wall second; ${ops.toLocaleString('en')} ops; other processes ${others === null ? 'n/a' : others.toFixed(2)} cores`,
  );
  return row;
}

const at = (i: number) => instants[i % instants.length]!;
const minutes = (t: number) => (ev: SlaTicketEvent['at']) => new Date(ev.getTime() + t * 60_000);
/** A typical history: created, first reply, a wait for the customer, their answer, a second reply, solved, reopened. */
const history = (start: Date): SlaTicketEvent[] => {
  const m = minutes;
  return [
    { at: start, kind: 'created' },
    { at: m(45)(start), kind: 'agent_reply' },
    { at: m(50)(start), kind: 'status', status: 'pending' },
    { at: m(1500)(start), kind: 'customer_message' },
    { at: m(1500)(start), kind: 'status', status: 'open' },
    { at: m(1620)(start), kind: 'agent_reply' },
    { at: m(3000)(start), kind: 'status', status: 'solved' },
    { at: m(6000)(start), kind: 'customer_message' },
    { at: m(6000)(start), kind: 'status', status: 'open' },
  ];
};
const histories = instants.slice(0, 1024).map(history);
const policy: SlaPolicySnapshot = {
  policyId: 'bench',
  calendar: cal,
  targets: [
    { metric: 'first_response', minutes: 60, businessHours: true },
    { metric: 'next_response', minutes: 240, businessHours: true },
    { metric: 'resolution', minutes: 2100, businessHours: true },
  ],
  pauseStatuses: ['pending', 'on_hold'],
  warnPercent: 80,
};
const now = (h: SlaTicketEvent[]) => new Date(h[0]!.at.getTime() + 7000 * 60_000);

const rows = [
  measure('due time, target mix 60–2,100 business min', 200_000 * SCALE, (i) => addBusinessMinutes(cal, at(i), TARGETS[i % TARGETS.length]!)),
  measure('due time, 10,000 business min (~5 weeks)', 20_000 * SCALE, (i) => addBusinessMinutes(cal, at(i), 10_000)),
  measure('due time, 480 min on a 24/7 calendar', 1_000_000 * SCALE, (i) => addBusinessMinutes(always, at(i), 480)),
  measure('due time, target mix, a new calendar object each call', 100_000 * SCALE, (i) => addBusinessMinutes(calendar(), at(i), TARGETS[i % TARGETS.length]!)),
  // A one-off holiday on a different 20th-century date makes each calendar new to the caches.
  measure('due time, target mix, a calendar not seen before on each call (compile and day plans from scratch)', 20_000 * SCALE, (i) =>
    addBusinessMinutes({ ...calendar(), holidays: [{ date: new Date(Date.UTC(1900, 0, 1 + i)).toISOString().slice(0, 10), recurring: false }] }, at(i), TARGETS[i % TARGETS.length]!),
  ),
  measure('business minutes between, spanning 1 year', 5_000 * SCALE, (i) => businessMinutesBetween(cal, at(i), new Date(at(i).getTime() + 365 * 86_400_000))),
  measure('computeSlaTargets, 9-event history, 3 business targets', 50_000 * SCALE, (i) => computeSlaTargets(policy, histories[i % histories.length]!, now(histories[i % histories.length]!))),
];
const recompute = rows[rows.length - 1]!;
console.log(`→ recomputing 100,000 open tickets after a calendar change: ${(100_000 / recompute.perCpuSecond).toFixed(1)} CPU-seconds of clock math`);
