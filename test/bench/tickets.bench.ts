/**
 * Tickets at scale, over real HTTP, in one run: seed 1,000 orgs and 1,000,000 tickets (100,000
 * in org bench-0000), print the plans of the queue and search queries as the application role
 * under RLS, then measure, as an agent of that org with a Bearer access token:
 * - the agent queue (50 unsolved tickets by update time): sequential latency, a run at 8
 *   connections, and 20 pages deep by cursor;
 * - full-text search for a common and a rare word;
 * - ticket creation at 16 connections, all in the big org and spread over 16 orgs;
 * against a floor measured in the same run, process and database: a bare Hono handler doing one
 * INSERT through a superuser pool (no RLS, audit or triggers), at 16 connections, before and
 * after the creates. Each measurement waits for a quiet machine and reports the CPU it used
 * (ours, per request, and other processes'); a summary table ends the output.
 *
 * Sizes: BENCH_ORGS, BENCH_TICKETS, BENCH_BIG_ORG_TICKETS; BENCH_SECONDS per load run (10);
 * BENCH_QUEUE_REQUESTS sequential queue requests (500). Each measurement waits up to BENCH_QUIET_WAIT
 * seconds (180) for other processes to use under BENCH_QUIET_CORES cores (0.15), then runs
 * anyway and reports what they used. With BENCH_DATABASE_URL and
 * BENCH_DB_NAME the database is kept, and a later run reuses its seed.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import autocannon, { type Result } from 'autocannon';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { signAccessToken } from '#lib/auth/access-token.ts';
import { createPool } from '#lib/db/pool.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { TICKET_COLUMNS } from '#lib/tickets/model.ts';
import { cpuBetween, cpuSample, waitForQuiet, type CpuUse } from './cpu.ts';
import { quantile, startBenchServer } from './harness.ts';
import { openTicketSeed, RARE_WORD } from './seed-tickets.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const QUEUE_REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 500);
const SEARCH_REQUESTS = Math.max(50, Math.round(QUEUE_REQUESTS / 2.5));
const CONCURRENCY = 16;
const QUEUE_CONNECTIONS = 8;
const COMMON_WORD = 'printer';
const QUEUE = '/api/v1/tickets?status=unsolved&sort=updated_desc&limit=50';
const QUEUE_P95_TARGET_MS = 50;

const QUIET_WAIT_SECONDS = Number(process.env.BENCH_QUIET_WAIT ?? 180);
const QUIET_THRESHOLD = Number(process.env.BENCH_QUIET_CORES ?? 0.15);

interface Row {
  what: string;
  result: string;
  target?: string;
  met?: boolean;
  cpu?: CpuUse;
}
const summary: Row[] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const cores = (x: number | null) => (x === null ? '?' : x.toFixed(2));
/** CPU per request: this Node process (app server, load generator) and PostgreSQL. */
const perRequest = (cpu: CpuUse, requests: number) =>
  cpu.nodeSeconds === null || cpu.restSeconds === null || !requests
    ? ''
    : `; CPU per request: Node ${((cpu.nodeSeconds * 1000) / requests).toFixed(2)} ms, PostgreSQL ${((cpu.restSeconds * 1000) / requests).toFixed(2)} ms`;

const server = await startBenchServer();
/**
 * Runs one measurement once the machine is quiet (other processes under BENCH_QUIET_CORES,
 * waiting at most BENCH_QUIET_WAIT seconds), and reports the CPU it saw: ours and everyone else's.
 */
async function measured<T>(name: string, fn: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const quiet = await waitForQuiet({ maxSeconds: QUIET_WAIT_SECONDS, threshold: QUIET_THRESHOLD, database: server.database });
  if (quiet.waited > 1.5) console.log(`  (waited ${quiet.waited.toFixed(0)} s for other processes to calm down before "${name}"; last seen ${cores(quiet.others)} cores)`);
  const before = cpuSample(server.database);
  const result = await fn();
  const cpu = cpuBetween(before, cpuSample(server.database));
  console.log(`  [cpu during "${name}": ours ${cores(cpu.ours)} cores (this Node process ${cores(cpu.node)}), other processes ${cores(cpu.others)} cores]`);
  return { result, cpu };
}
try {
  const seed = await openTicketSeed(server.owner, console.log);
  if (seed.fresh) {
    const phases = Object.entries(seed.timings)
      .filter(([k]) => k !== 'total')
      .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
      .join(', ');
    summary.push({ what: 'Seed (SQL, triggers off, indexes rebuilt after the load)', result: `${seed.timings.total!.toFixed(0)} s: ${phases}` });
  }
  const [facts] = await server.owner<Record<string, string>[]>`
    select (select count(*) from organizations where slug like 'bench-%') as orgs,
           (select count(*) from tickets) as tickets,
           (select count(*) from messages) as messages,
           (select count(*) from memberships) as memberships,
           (select count(*) from tickets where org_id = ${seed.bigOrgId}) as big_tickets,
           (select count(*) from tickets where org_id = ${seed.bigOrgId} and status in ('new', 'open', 'pending', 'on_hold')) as big_unsolved,
           (select count(*) from tickets where org_id = ${seed.bigOrgId} and search @@ to_tsquery('english', ${COMMON_WORD})) as big_common,
           (select count(*) from tickets where org_id = ${seed.bigOrgId} and search @@ to_tsquery('english', ${RARE_WORD})) as big_rare,
           (select count(*) from tickets where search @@ to_tsquery('english', ${COMMON_WORD})) as all_common,
           pg_size_pretty(pg_total_relation_size('tickets')) as tickets_size,
           pg_size_pretty(pg_total_relation_size('messages')) as messages_size,
           pg_size_pretty(pg_database_size(current_database())) as db_size,
           current_setting('shared_buffers') as shared_buffers, version() as version`;
  console.log(
    `data: ${facts!.orgs} orgs, ${facts!.tickets} tickets (${facts!.tickets_size}), ${facts!.messages} messages (${facts!.messages_size}), ${facts!.memberships} memberships; database ${facts!.db_size}, shared_buffers ${facts!.shared_buffers}\n` +
      `big org: ${facts!.big_tickets} tickets, ${facts!.big_unsolved} unsolved, "${COMMON_WORD}" in ${facts!.big_common} (${facts!.all_common} in all orgs), "${RARE_WORD}" in ${facts!.big_rare}\n${facts!.version}`,
  );

  const ttl = 6 * 3600; // longer than any run, so no token expires mid-measurement
  const tokenOf = async (orgId: string, userId: string) => `Bearer ${await signAccessToken(server.keys, { orgId, userId, role: 'agent' }, ttl)}`;
  const agentId = seed.bigOrgAgents[0]!;
  const bigAuth = await tokenOf(seed.bigOrgId, agentId);

  const get = async (path: string): Promise<{ ms: number; body: { items: unknown[]; next_cursor: string | null } }> => {
    const t0 = performance.now();
    const res = await fetch(server.url + path, { headers: { authorization: bigAuth } });
    const body = (await res.json()) as { items: unknown[]; next_cursor: string | null };
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, body };
  };
  const timeGets = async (path: string, n: number): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push((await get(path)).ms);
    return times.sort((a, b) => a - b);
  };
  const rate = (r: Result) => r.requests.total / r.duration;
  const loadLine = (name: string, r: Result) =>
    console.log(`${name}: ${rate(r).toFixed(0)} req/s, p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors`);
  const latencyLine = (name: string, t: number[]) => {
    console.log(`${name}: p50 ${ms(quantile(t, 0.5))}, p95 ${ms(quantile(t, 0.95))}, p99 ${ms(quantile(t, 0.99))}, max ${ms(t.at(-1)!)} (n=${t.length}, sequential)`);
    return { p50: quantile(t, 0.5), p95: quantile(t, 0.95), p99: quantile(t, 0.99) };
  };

  // Warm-up: JIT, the pool's 10 connections and their prepared statements, the buffer cache.
  for (const path of [QUEUE, `/api/v1/tickets?q=${COMMON_WORD}&limit=50`, `/api/v1/tickets?q=${RARE_WORD}&limit=50`]) await timeGets(path, 30);
  const firstPage = await get(QUEUE);
  if (firstPage.body.items.length !== 50) throw new Error(`the queue gave ${firstPage.body.items.length} rows, not 50`);

  // The plans first, on the data as seeded (the creates below add tickets to the big org).
  await explainPlans(seed.bigOrgId, agentId);

  {
    const { result: t, cpu } = await measured('queue, sequential', () => timeGets(QUEUE, QUEUE_REQUESTS));
    const q = latencyLine('queue, 50 unsolved by update time', t);
    summary.push({
      what: `Agent queue, big org (\`status=unsolved&sort=updated_desc&limit=50\`), ${QUEUE_REQUESTS} sequential`,
      result: `p50 ${ms(q.p50)}, p95 ${ms(q.p95)}, p99 ${ms(q.p99)}`,
      target: `p95 < ${QUEUE_P95_TARGET_MS} ms`,
      met: q.p95 < QUEUE_P95_TARGET_MS,
      cpu,
    });
  }
  {
    const { result: r, cpu } = await measured('queue, 8 connections', () =>
      autocannon({ url: server.url + QUEUE, connections: QUEUE_CONNECTIONS, duration: SECONDS, headers: { authorization: bigAuth } }),
    );
    loadLine(`queue, ${QUEUE_CONNECTIONS} connections for ${SECONDS} s`, r);
    summary.push({
      what: `Agent queue, ${QUEUE_CONNECTIONS} connections, ${SECONDS} s (autocannon)`,
      result: `${rate(r).toFixed(0)} req/s; p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms${perRequest(cpu, r.requests.total)}`,
      cpu,
    });
  }
  {
    // Keyset paging: page n costs what page 1 costs. Five walks of 20 pages, the median per page.
    const { result: pages, cpu } = await measured('queue, 20 pages deep', async () => {
      const pages: number[][] = Array.from({ length: 20 }, () => []);
      for (let walk = 0; walk < 5; walk++) {
        let cursor: string | null = null;
        for (let page = 0; page < 20; page++) {
          const r = await get(`${QUEUE}${cursor ? `&cursor=${cursor}` : ''}`);
          pages[page]!.push(r.ms);
          cursor = r.body.next_cursor;
          if (!cursor) throw new Error(`the queue ended after page ${page + 1}`);
        }
      }
      return pages.map((t) =>
        quantile(
          t.sort((a, b) => a - b),
          0.5,
        ),
      );
    });
    console.log(`queue pages 1-20 by cursor (median of 5 walks): ${pages.map((x) => x.toFixed(1)).join(' ')} ms`);
    summary.push({ what: 'Agent queue, pages 1 → 10 → 20 by `next_cursor` (median of 5 walks)', result: `${ms(pages[0]!)} → ${ms(pages[9]!)} → ${ms(pages[19]!)}`, cpu });
  }
  for (const [word, matches] of [
    [COMMON_WORD, facts!.big_common],
    [RARE_WORD, facts!.big_rare],
  ] as const) {
    const { result: t, cpu } = await measured(`search ${word}`, () => timeGets(`/api/v1/tickets?q=${word}&limit=50`, SEARCH_REQUESTS));
    const q = latencyLine(`search "${word}" (${matches} matches in the big org)`, t);
    summary.push({ what: `Search \`q=${word}\` (${matches} of the big org's tickets match), ${SEARCH_REQUESTS} sequential`, result: `p50 ${ms(q.p50)}, p95 ${ms(q.p95)}, p99 ${ms(q.p99)}`, cpu });
  }

  // Creation against the floor. The floor's pool is as large as the app's (10); the body is
  // the same JSON, without the words the searches above look for.
  const body = JSON.stringify({ subject: 'Scanner offline after the update', body: 'Since this morning the scanner on the third floor shows an error and the queue does not move. Please help.' });
  const floorSql = createPool(server.ownerUrl, { max: 10, applicationName: 'atum-bench-floor' });
  await floorSql`create table if not exists bench_floor (id bigserial primary key, org_id uuid not null, subject text not null, body text not null, created_at timestamptz not null default now())`;
  const floorApp = new Hono().post('/floor', async (c) => {
    const input = (await c.req.json()) as { subject: string; body: string };
    const [row] = await floorSql`insert into bench_floor (org_id, subject, body) values (${seed.bigOrgId}, ${input.subject}, ${input.body}) returning id`;
    return c.json({ id: Number(row!.id) }, 201);
  });
  const floorServer = serve({ fetch: floorApp.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  await new Promise<void>((resolve) => floorServer.once('listening', () => resolve()));
  const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/floor`;
  const createUrl = `${server.url}/api/v1/tickets`;
  const post = (url: string, authorization?: string, duration = SECONDS, connections = CONCURRENCY) =>
    autocannon({ url, connections, duration, method: 'POST', body, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } });

  await post(floorUrl, undefined, 2); // warm-up
  await post(createUrl, bigAuth, 2);
  const floorBefore = await measured('floor', () => post(floorUrl));
  loadLine(`floor (bare INSERT), ${CONCURRENCY} connections`, floorBefore.result);
  const oneOrg = await measured('create, big org', () => post(createUrl, bigAuth));
  loadLine(`create, big org, ${CONCURRENCY} connections`, oneOrg.result);
  const spreadAgents = seed.agents.slice(1, CONCURRENCY + 1);
  const spreadTokens = await Promise.all(spreadAgents.map((a) => tokenOf(a.orgId, a.userId)));
  const spread = await measured('create, 16 orgs', () => Promise.all(spreadTokens.map((token) => post(createUrl, token, SECONDS, 1))));
  const spreadRate = spread.result.reduce((sum, r) => sum + rate(r), 0);
  const spreadP50 = quantile(
    spread.result.map((r) => r.latency.p50).sort((a, b) => a - b),
    0.5,
  );
  const spreadP99 = Math.max(...spread.result.map((r) => r.latency.p99));
  const spreadFailed = spread.result.reduce((s, r) => s + r.non2xx + r.errors, 0);
  console.log(
    `create, ${spread.result.length} orgs, 1 connection each: ${spreadRate.toFixed(0)} req/s, p50 ${spreadP50} ms (median of the connections), p99 ${spreadP99} ms (worst connection), ${spreadFailed} non-2xx/errors`,
  );
  const floorAfter = await measured('floor again', () => post(floorUrl));
  loadLine('floor again', floorAfter.result);
  floorServer.closeAllConnections();
  await new Promise<void>((resolve) => floorServer.close(() => resolve()));
  await floorSql.end();
  const floorRate = (rate(floorBefore.result) + rate(floorAfter.result)) / 2;
  const oneOrgRate = rate(oneOrg.result);
  const failures = oneOrg.result.non2xx + oneOrg.result.errors + spreadFailed;
  if (failures) console.log(`WARNING: ${failures} create requests failed`);
  console.log(`create / floor: big org ${(oneOrgRate / floorRate).toFixed(2)}, 16 orgs ${(spreadRate / floorRate).toFixed(2)} (floor ${floorRate.toFixed(0)} req/s, mean of both runs)`);
  const spreadTotal = spread.result.reduce((s, r) => s + r.requests.total, 0);
  summary.push({
    what: `Floor: bare Hono \`POST /floor\`, one INSERT, superuser pool of 10, ${CONCURRENCY} connections, ${SECONDS} s: before the creates`,
    result: `${rate(floorBefore.result).toFixed(0)} req/s; p50 ${floorBefore.result.latency.p50} ms, p99 ${floorBefore.result.latency.p99} ms${perRequest(floorBefore.cpu, floorBefore.result.requests.total)}`,
    cpu: floorBefore.cpu,
  });
  summary.push({
    what: `Create \`POST /api/v1/tickets\` {subject, body}, all in the big org, ${CONCURRENCY} connections, ${SECONDS} s`,
    result: `${oneOrgRate.toFixed(0)} req/s = ${(oneOrgRate / floorRate).toFixed(2)} × floor; p50 ${oneOrg.result.latency.p50} ms, p99 ${oneOrg.result.latency.p99} ms${perRequest(oneOrg.cpu, oneOrg.result.requests.total)}`,
    target: '≥ 0.5 × floor',
    met: oneOrgRate >= floorRate / 2 && failures === 0,
    cpu: oneOrg.cpu,
  });
  summary.push({
    what: `Create, ${spread.result.length} orgs × 1 connection, ${SECONDS} s`,
    result: `${spreadRate.toFixed(0)} req/s = ${(spreadRate / floorRate).toFixed(2)} × floor; p50 ${spreadP50} ms, p99 ${spreadP99} ms${perRequest(spread.cpu, spreadTotal)}`,
    target: '≥ 0.5 × floor',
    met: spreadRate >= floorRate / 2 && failures === 0,
    cpu: spread.cpu,
  });
  summary.push({
    what: 'Floor again, after the creates',
    result: `${rate(floorAfter.result).toFixed(0)} req/s; p50 ${floorAfter.result.latency.p50} ms, p99 ${floorAfter.result.latency.p99} ms${perRequest(floorAfter.cpu, floorAfter.result.requests.total)}`,
    cpu: floorAfter.cpu,
  });

  console.log(`\n| measure (${facts!.orgs} orgs, ${facts!.tickets} tickets, ${facts!.big_tickets} in the big org) | result | target | met | CPU: ours / others (cores) |\n|---|---|---|---|---|`);
  for (const r of summary) {
    console.log(`| ${r.what} | ${r.result} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} | ${r.cpu ? `${cores(r.cpu.ours)} / ${cores(r.cpu.others)}` : ''} |`);
  }
} finally {
  await server.close();
}

/**
 * The queue and search queries exactly as listTickets sends them, as the application role under
 * RLS, through the plan cache as the app's prepared statements go through it (after five custom
 * plans PostgreSQL may switch to a generic one): EXPLAIN of the 7th execution.
 */
async function explainPlans(orgId: string, userId: string): Promise<void> {
  const [cursorRow] = await withTenant(
    server.sql,
    { orgId, userId, role: 'agent' },
    (tx) =>
      tx<
        { at: string; number: string }[]
      >`select updated_at::text as at, number::text from tickets where status in ('new', 'open', 'pending', 'on_hold') order by updated_at desc, number desc offset 999 limit 1`,
  );
  // As lib/tickets/list.ts builds it: the page cut from tickets, then people joined.
  const cols = TICKET_COLUMNS.replace(/\s+/g, ' ');
  const page = (where: string, limit: string) =>
    `select ${cols}, t.sort_at from (select t.*, t.updated_at::text as sort_at from tickets t where true and ${where} order by t.updated_at desc, t.number desc limit ${limit}) t join people u on u.id = t.requester_id order by t.updated_at desc, t.number desc`;
  const unsolved = "t.status in ('new', 'open', 'pending', 'on_hold')";
  const search = 't.search @@ websearch_to_tsquery($1::regconfig, $2)';
  const plans: [string, string, string, unknown[]][] = [
    ['queue, page 1', '(int)', page(unsolved, '$1'), [51]],
    ['queue, page 21 (cursor)', '(timestamptz, bigint, int)', page(`${unsolved} and (t.updated_at, t.number) < ($1, $2)`, '$3'), [cursorRow!.at, cursorRow!.number, 51]],
    [`search "${COMMON_WORD}"`, '(regconfig, text, int)', page(search, '$3'), ['english', COMMON_WORD, 51]],
    [`search "${RARE_WORD}"`, '(regconfig, text, int)', page(search, '$3'), ['english', RARE_WORD, 51]],
  ];
  await withTenant(server.sql, { orgId, userId, role: 'agent' }, async (tx) => {
    for (const [i, [name, types, text, args]] of plans.entries()) {
      const literal = args.map((a) => (typeof a === 'number' ? String(a) : `'${String(a).replace(/'/g, "''")}'`)).join(', ');
      await tx.unsafe(`prepare bench_plan_${i} ${types} as ${text}`);
      for (let run = 0; run < 6; run++) await tx.unsafe(`execute bench_plan_${i}(${literal})`);
      const rows = await tx.unsafe(`explain (analyze, buffers) execute bench_plan_${i}(${literal})`);
      await tx.unsafe(`deallocate bench_plan_${i}`);
      console.log(`\nplan: ${name} (as atum_app, org bench-0000, role agent; 7th execution of the prepared statement)\n${rows.map((r) => `  ${String(r['QUERY PLAN'])}`).join('\n')}`);
    }
  });
}
