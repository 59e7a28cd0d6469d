/**
 * SLA at scale, in one run on a fresh database:
 * - recompute: BENCH_SLA_TICKETS (100,000) open tickets in one org under a business-hours policy
 *   (first response and resolution), computed once, then again after a calendar change, as the
 *   sla-recompute job does it (batches of 500, each its own transaction, jobs moved by the
 *   targets trigger): tickets per second, and how many jobs were added or moved;
 * - the safety sweep over those tickets: with nothing missed (the normal case, plan shown), and
 *   with 1,000 targets whose jobs were lost;
 * - due → breach: BENCH_SLA_DUE (1,000) tickets whose first response falls due within the same
 *   minute, with the real worker (WORKER_CONCURRENCY jobs at once): the delay from each due
 *   moment to the commit time of its breach event, p50/p95/max.
 *
 * Tickets are inserted in SQL with triggers off (no audit rows, no counters): only the SLA work
 * is measured. Run: `npm run bench -- sla` (or `npx tsx test/bench/sla.bench.ts`).
 */
import os from 'node:os';
import { loadConfig, withUser } from '#lib/config.ts';
import { mailSecretKey } from '#lib/mail/secret-key.ts';
import { createMember, createOrg } from '#lib/orgs/create.ts';
import { recomputeOrgSla } from '#lib/sla/jobs.ts';
import { startWorker } from '#lib/worker.ts';
import { slaSweep } from '#worker/sla-sweep.ts';
import { cpuBetween, cpuSample, type CpuUse } from './cpu.ts';
import { quantile, startBenchServer } from './harness.ts';

const TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 100_000);
const DUE = Number(process.env.BENCH_SLA_DUE ?? 1000);
const MISSED = 1000;
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 4);
/** BENCH_SLA_ALERTS=0: the due tickets have no assignee, so a breach writes no notification and no mail job. */
const ALERTS = process.env.BENCH_SLA_ALERTS !== '0';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const PASSWORD = 'bench password that is long';

const cores = (x: number | null) => (x === null ? '?' : x.toFixed(2));
const cpuNote = (cpu: CpuUse) => `[CPU: ours ${cores(cpu.ours)} cores (node ${cores(cpu.node)}), other processes ${cores(cpu.others)} cores]`;
const helpers = { logger: { info: (line: string) => console.log(`  ${line}`) } } as never;

const server = await startBenchServer();
const config = loadConfig({ DATABASE_URL: withUser(server.ownerUrl, 'atum_app', 'atum-bench'), APP_SECRET: SECRET });
const deps = { sql: server.sql, config, mailKey: mailSecretKey(config, SECRET) };

/** Open tickets inserted in SQL, triggers off; `createdSql` is an SQL expression of `g` (1..n). */
async function insertTickets(orgId: string, requesterId: string, assigneeId: string | null, n: number, createdSql: string, statuses: string): Promise<void> {
  await server.owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx.unsafe(
      `
      insert into tickets (org_id, number, subject, status, priority, requester_id, assignee_id, created_at, updated_at)
      select $1, g, 'Bench ' || g, (${statuses})[1 + g % cardinality(${statuses})]::ticket_status,
             (array['low','normal','high','urgent'])[1 + g % 4]::ticket_priority, $2, $3, ${createdSql}, now()
      from generate_series(1, ${n}) g`,
      [orgId, requesterId, assigneeId],
    );
    await tx`insert into ticket_counters (org_id, last_number) values (${orgId}, ${n}) on conflict (org_id) do update set last_number = ${n}`;
  });
  await server.owner`analyze tickets`;
  const [c] = await server.owner<{ n: number }[]>`select count(*)::int as n from tickets where org_id = ${orgId} and status in ('new', 'open', 'pending', 'on_hold')`;
  console.log(`  ${c!.n} open tickets inserted in org ${orgId}`);
}

async function policy(orgId: string, calendar: { weekly: unknown[]; always_open: boolean }, targets: Record<string, unknown>): Promise<string> {
  const [cal] = await server.owner<{ id: string }[]>`
    insert into sla_calendars (org_id, name, time_zone, always_open, weekly, holidays)
    values (${orgId}, 'Hours', 'Europe/Berlin', ${calendar.always_open}, ${server.owner.json(calendar.weekly as never)},
            ${server.owner.json([
              { date: '2026-12-25', recurring: true },
              { date: '2026-12-26', recurring: true },
            ] as never)})
    returning id`;
  await server.owner.begin(async (tx) => {
    // The policy trigger enqueues a recompute job for the org; the bench runs that work itself.
    await tx`select set_config('app.org_id', ${orgId}, true)`;
    await tx`insert into sla_policies (org_id, name, calendar_id, targets) values (${orgId}, 'Bench', ${cal!.id}, ${tx.json(targets as never)})`;
  });
  return cal!.id;
}

const jobCount = async () => (await server.owner<{ n: number }[]>`select count(*)::int as n from graphile_worker._private_jobs where key like 'sla-%'`)[0]!.n;

try {
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  // --- 1. recompute 100,000 open tickets -------------------------------------------------------
  const big = await createOrg(server.owner, { slug: 'sla-big', name: 'SLA big', adminEmail: 'owner@sla-big.test', adminPassword: PASSWORD });
  const bigCustomer = await createMember(server.owner, { orgSlug: 'sla-big', email: 'c@sla-big.test', role: 'customer', password: PASSWORD });
  const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '08:00', end: '12:00' },
    { weekday, start: '13:00', end: '18:00' },
  ]);
  const calendarId = await policy(
    big.orgId,
    { weekly: weekdays, always_open: false },
    Object.fromEntries(
      ['low', 'normal', 'high', 'urgent'].map((p, i) => [
        p,
        {
          first_response: { minutes: [2880, 960, 480, 120][i], business_hours: true },
          resolution: { minutes: [14400, 7200, 2880, 960][i], business_hours: true },
        },
      ]),
    ),
  );
  // Opened over the last 14 days; new, open, pending and on hold (pending and on hold pause resolution).
  await insertTickets(big.orgId, bigCustomer.userId, null, TICKETS, `now() - make_interval(secs => (g * 1209600.0 / ${TICKETS}))`, `array['new','open','pending','on_hold']`);
  await server.owner`delete from graphile_worker._private_jobs where key like 'sla-recompute:%'`;

  const timed = async (label: string) => {
    const jobsBefore = await jobCount();
    const before = cpuSample(server.database);
    const started = performance.now();
    const n = await recomputeOrgSla(server.sql, big.orgId);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuBetween(before, cpuSample(server.database));
    const [s] = await server.owner<{ running: number; paused: number; breached: number; fulfilled: number }[]>`
      select count(*) filter (where status = 'running')::int as running, count(*) filter (where status = 'paused')::int as paused,
             count(*) filter (where status = 'breached')::int as breached, count(*) filter (where status = 'fulfilled')::int as fulfilled
      from ticket_sla_targets where org_id = ${big.orgId}`;
    console.log(
      `${label}: ${n} open tickets in ${seconds.toFixed(1)} s = ${(n / seconds).toFixed(0)} tickets/s, ${((seconds * 1000) / n).toFixed(2)} ms each; ` +
        `targets ${JSON.stringify(s)}; SLA jobs ${jobsBefore} → ${await jobCount()} ${cpuNote(cpu)}`,
    );
  };
  await timed('first compute (targets inserted, jobs added)');
  // The calendar change an admin makes: an hour later in the morning and a new one-off holiday.
  const later = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '13:00', end: '18:00' },
  ]);
  await server.owner.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${big.orgId}, true)`;
    await tx`update sla_calendars set weekly = ${tx.json(later as never)},
      holidays = holidays || '[{"date": "2026-12-02", "recurring": false}]'::jsonb where id = ${calendarId}`;
  });
  await server.owner`delete from graphile_worker._private_jobs where key like 'sla-recompute:%'`;
  await timed('recompute after a calendar change (due times moved, jobs replaced)');
  const [moved] = await server.owner<{ n: number }[]>`select count(*)::int as n from graphile_worker._private_jobs where key like 'sla-%' and revision > 0`;
  console.log(`  jobs whose run_at was replaced in place: ${moved!.n}`);

  // --- 2. the safety sweep ------------------------------------------------------------------------
  await server.owner`vacuum analyze ticket_sla_targets`;
  const [running] = await server.owner<{ n: number }[]>`select count(*)::int as n from ticket_sla_targets where status = 'running'`;
  const plan = await server.owner<{ 'QUERY PLAN': string }[]>`
    explain (analyze, buffers, costs off)
    select t.org_id, t.ticket_number from ticket_sla_targets t where t.status = 'running' and t.due_at <= now() - interval '30 seconds' order by t.due_at limit 5000`;
  console.log(`sweep plan (${running!.n} running targets):\n${plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`);
  const sweep = async (label: string) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await slaSweep(deps)({}, helpers);
      times.push(performance.now() - started);
      if (label.includes('lost')) break;
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: ${times.map((x) => `${x.toFixed(1)} ms`).join(', ')}`);
  };
  await sweep('sweep, nothing missed (5 runs)');
  // Lost jobs: 1,000 running first-response targets whose tickets are in truth 30 days older
  // (overdue), with their stored due time passed and their jobs gone.
  await server.owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    const lost = await tx<{ ticket_number: string }[]>`
      update ticket_sla_targets set due_at = now() - interval '2 minutes' where (org_id, ticket_number, metric) in (
        select org_id, ticket_number, metric from ticket_sla_targets where org_id = ${big.orgId} and status = 'running' and metric = 'first_response' limit ${MISSED})
      returning ticket_number::text`;
    await tx`update tickets set created_at = created_at - interval '30 days' where org_id = ${big.orgId} and number = any(${lost.map((l) => l.ticket_number)}::bigint[])`;
    await tx`delete from graphile_worker._private_jobs where key = any(${lost.map((l) => `sla-breach:${big.orgId}:${l.ticket_number}:first_response`)})`;
  });
  const beforeBreaches = (await server.owner<{ n: number }[]>`select count(*)::int as n from sla_events where kind = 'breached' and metric = 'first_response'`)[0]!.n;
  await sweep(`sweep, ${MISSED} targets whose breach job was lost`);
  const found = (await server.owner<{ n: number }[]>`select count(*)::int as n from sla_events where kind = 'breached' and metric = 'first_response'`)[0]!.n - beforeBreaches;
  console.log(`  first-response breaches the sweep recorded: ${found}`);

  // --- 3. due → breach with the real worker -------------------------------------------------------
  const fast = await createOrg(server.owner, { slug: 'sla-fast', name: 'SLA fast', adminEmail: 'owner@sla-fast.test', adminPassword: PASSWORD });
  const fastCustomer = await createMember(server.owner, { orgSlug: 'sla-fast', email: 'c@sla-fast.test', role: 'customer', password: PASSWORD });
  await policy(fast.orgId, { weekly: [], always_open: true }, Object.fromEntries(['low', 'normal', 'high', 'urgent'].map((p) => [p, { first_response: { minutes: 2, business_hours: false } }])));
  // Due 60-120 s from now: created 0-60 s ago with a 2-minute target, all due within one minute.
  await insertTickets(fast.orgId, fastCustomer.userId, ALERTS ? fast.userId : null, DUE, `now() - make_interval(secs => (g * 60.0 / ${DUE}))`, `array['new','open']`);
  await server.owner`delete from graphile_worker._private_jobs where key like 'sla-recompute:%'`;
  await recomputeOrgSla(server.sql, fast.orgId);
  const [window] = await server.owner<{ first: Date; last: Date }[]>`select min(due_at) as first, max(due_at) as last from ticket_sla_targets where org_id = ${fast.orgId}`;
  console.log(
    `due → breach: ${DUE} first-response targets due between ${window!.first.toISOString()} and ${window!.last.toISOString()}; worker with ${CONCURRENCY} jobs at once, polling every 500 ms; ${ALERTS ? 'assigned (warnings and breaches notify and queue mail)' : 'unassigned (no notifications, no mail jobs)'}`,
  );
  // Alert mails go to the outbox and fail for want of SMTP here: their retries are not the subject.
  const worker = await startWorker({
    workerUrl: withUser(server.ownerUrl, 'atum_worker', 'atum-bench'),
    ...deps,
    concurrency: CONCURRENCY,
    log: (line) => {
      if (!line.includes('mail-send')) console.log(`  ${line}`);
    },
  });
  const before = cpuSample(server.database);
  try {
    const deadline = window!.last.getTime() + 120_000;
    for (;;) {
      const [row] = await server.owner<{ n: number }[]>`select count(*)::int as n from sla_events where org_id = ${fast.orgId} and kind = 'breached'`;
      if (row!.n >= DUE) break;
      if (Date.now() > deadline) throw new Error(`only ${row!.n} of ${DUE} breaches recorded 2 minutes after the last due moment`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await worker.stop();
  }
  const cpu = cpuBetween(before, cpuSample(server.database));
  // The event's `at` is its transaction's start; the commit follows within the same job.
  const delays = (
    await server.owner<{ ms: number }[]>`
    select extract(epoch from e.at - e.due_at) * 1000 as ms from sla_events e where e.org_id = ${fast.orgId} and e.kind = 'breached' order by 1`
  ).map((r) => Number(r.ms));
  const [notes] = await server.owner<{ n: number }[]>`select count(*)::int as n from notifications where org_id = ${fast.orgId}`;
  console.log(
    `due → breach event: p50 ${quantile(delays, 0.5).toFixed(0)} ms, p95 ${quantile(delays, 0.95).toFixed(0)} ms, max ${delays[delays.length - 1]!.toFixed(0)} ms ` +
      `(min ${delays[0]!.toFixed(0)} ms); ${notes!.n} notifications ${cpuNote(cpu)}`,
  );
} finally {
  await server.close();
}
