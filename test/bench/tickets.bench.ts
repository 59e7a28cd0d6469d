/**
 * Tickets at scale, over real HTTP, in one run: seed 1,000 orgs and 1,000,000 tickets (100,000
 * in org bench-0000), then measure, as an agent of that org with a Bearer access token:
 * - the agent queue (50 unsolved tickets by update time): sequential latency, a run at 8
 *   connections, and 20 pages deep by cursor;
 * - full-text search for a common and a rare word;
 * - ticket creation at 16 connections, all in the big org and spread over 16 orgs;
 * against a floor measured in the same run, process and database: a bare Hono handler doing one
 * INSERT through a superuser pool (no RLS, audit or triggers), at 16 connections, before and
 * after the creates. Then the plans of the queue and search queries as the application role
 * under RLS, and a summary table.
 *
 * Sizes: BENCH_ORGS, BENCH_TICKETS, BENCH_BIG_ORG_TICKETS; BENCH_SECONDS per load run (10);
 * BENCH_QUEUE_REQUESTS sequential queue requests (500). With BENCH_DATABASE_URL and
 * BENCH_DB_NAME the database is kept, and a later run reuses its seed.
 */
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import autocannon, { type Result } from 'autocannon';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { signAccessToken } from '../../lib/auth/access-token.ts';
import { createPool } from '../../lib/db/pool.ts';
import { withTenant } from '../../lib/db/tenant.ts';
import { TICKET_COLUMNS } from '../../lib/tickets/model.ts';
import { quantile, startBenchServer } from './harness.ts';
import { loadSeed, RARE_WORD, seedSizeFromEnv, seedTickets } from './seed-tickets.ts';

const size = seedSizeFromEnv();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const QUEUE_REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 500);
const SEARCH_REQUESTS = Math.max(50, Math.round(QUEUE_REQUESTS / 2.5));
const CONCURRENCY = 16;
const QUEUE_CONNECTIONS = 8;
const COMMON_WORD = 'printer';
const QUEUE = '/api/v1/tickets?status=unsolved&sort=updated_desc&limit=50';
const QUEUE_P95_TARGET_MS = 50;

interface Row {
  what: string;
  result: string;
  target?: string;
  met?: boolean;
}
const summary: Row[] = [];
const ms = (x: number) => `${x.toFixed(1)} ms`;

const server = await startBenchServer();
try {
  const [existing] = await server.owner<{ n: number }[]>`select count(*)::int as n from organizations where slug like 'bench-%'`;
  let seed;
  if (existing!.n > 0) {
    console.log(`reusing the seed in database ${server.database} (${existing!.n} bench orgs)`);
    seed = await loadSeed(server.owner);
  } else {
    console.log(`seeding ${size.orgs} orgs, ${size.tickets} tickets (${size.bigOrgTickets} in bench-0000) on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB …`);
    seed = await seedTickets(server.owner, { ...size, log: console.log });
    console.log(`seeded in ${seed.timings.total!.toFixed(0)} s`);
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
  const latencyLine = (name: string, t: number[]) => {
    console.log(`${name}: p50 ${ms(quantile(t, 0.5))}, p95 ${ms(quantile(t, 0.95))}, p99 ${ms(quantile(t, 0.99))}, max ${ms(t.at(-1)!)} (n=${t.length}, sequential)`);
    return { p50: quantile(t, 0.5), p95: quantile(t, 0.95), p99: quantile(t, 0.99) };
  };

  // Warm-up: JIT, the pool's 10 connections and their prepared statements, the buffer cache.
  for (const path of [QUEUE, `/api/v1/tickets?q=${COMMON_WORD}&limit=50`, `/api/v1/tickets?q=${RARE_WORD}&limit=50`]) await timeGets(path, 30);
  const firstPage = await get(QUEUE);
  if (firstPage.body.items.length !== 50) throw new Error(`the queue gave ${firstPage.body.items.length} rows, not 50`);

  const queue = latencyLine('queue, 50 unsolved by update time', await timeGets(QUEUE, QUEUE_REQUESTS));
  summary.push({ what: `Agent queue, big org (\`status=unsolved&sort=updated_desc&limit=50\`), ${QUEUE_REQUESTS} sequential`, result: `p50 ${ms(queue.p50)}, p95 ${ms(queue.p95)}, p99 ${ms(queue.p99)}`, target: `p95 < ${QUEUE_P95_TARGET_MS} ms`, met: queue.p95 < QUEUE_P95_TARGET_MS });

  const queueLoad = await autocannon({ url: server.url + QUEUE, connections: QUEUE_CONNECTIONS, duration: SECONDS, headers: { authorization: bigAuth } });
  const queueRate = queueLoad.requests.total / queueLoad.duration;
  console.log(`queue, ${QUEUE_CONNECTIONS} connections for ${SECONDS} s: ${queueRate.toFixed(0)} req/s, p50 ${queueLoad.latency.p50} ms, p97.5 ${queueLoad.latency.p97_5} ms, p99 ${queueLoad.latency.p99} ms, ${queueLoad.non2xx} non-2xx, ${queueLoad.errors} errors`);
  summary.push({ what: `Agent queue, ${QUEUE_CONNECTIONS} connections, ${SECONDS} s`, result: `${queueRate.toFixed(0)} req/s; p50 ${queueLoad.latency.p50} ms, p97.5 ${queueLoad.latency.p97_5} ms, p99 ${queueLoad.latency.p99} ms` });

  // Keyset paging: page n costs what page 1 costs. Five walks of 20 pages, the median per page.
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
  const pageMedians = pages.map((t) => quantile(t.sort((a, b) => a - b), 0.5));
  console.log(`queue pages 1-20 by cursor (median of 5 walks): ${pageMedians.map((x) => x.toFixed(1)).join(' ')} ms`);
  summary.push({ what: 'Agent queue, pages 1 → 10 → 20 by `next_cursor` (median of 5 walks)', result: `${ms(pageMedians[0]!)} → ${ms(pageMedians[9]!)} → ${ms(pageMedians[19]!)}` });

  for (const [word, matches] of [[COMMON_WORD, facts!.big_common], [RARE_WORD, facts!.big_rare]] as const) {
    const s = latencyLine(`search "${word}" (${matches} matches)`, await timeGets(`/api/v1/tickets?q=${word}&limit=50`, SEARCH_REQUESTS));
    summary.push({ what: `Search \`q=${word}\` (${matches} of the big org's tickets match), ${SEARCH_REQUESTS} sequential`, result: `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}` });
  }

  // Creation against the floor. The floor's pool is as large as the app's (10).
  const body = JSON.stringify({ subject: 'Printer offline after the update', body: 'Since this morning the printer on the third floor shows an error and the queue does not move. Please help.' });
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
  const post = (url: string, authorization?: string, duration = SECONDS, connections = CONCURRENCY) =>
    autocannon({ url, connections, duration, method: 'POST', body, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } });
  const rate = (r: Result) => r.requests.total / r.duration;
  const loadLine = (name: string, r: Result) =>
    console.log(`${name}: ${rate(r).toFixed(0)} req/s, p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors`);

  await post(floorUrl, undefined, 2); // warm-up
  await post(`${server.url}/api/v1/tickets`, bigAuth, 2);
  const floorBefore = await post(floorUrl);
  loadLine(`floor (bare INSERT), ${CONCURRENCY} connections`, floorBefore);
  const oneOrg = await post(`${server.url}/api/v1/tickets`, bigAuth);
  loadLine(`create, big org, ${CONCURRENCY} connections`, oneOrg);
  const spreadAgents = seed.agents.slice(1, CONCURRENCY + 1);
  const spread = await Promise.all(spreadAgents.map(async (a) => post(`${server.url}/api/v1/tickets`, await tokenOf(a.orgId, a.userId), SECONDS, 1)));
  const spreadRate = spread.reduce((sum, r) => sum + rate(r), 0);
  const spreadP50 = quantile(spread.map((r) => r.latency.p50).sort((a, b) => a - b), 0.5);
  const spreadP99 = Math.max(...spread.map((r) => r.latency.p99));
  console.log(`create, ${spread.length} orgs, 1 connection each: ${spreadRate.toFixed(0)} req/s, p50 ${spreadP50} ms (median of the connections), p99 ${spreadP99} ms (worst connection), ${spread.reduce((s, r) => s + r.non2xx + r.errors, 0)} non-2xx/errors`);
  const floorAfter = await post(floorUrl);
  loadLine(`floor again`, floorAfter);
  floorServer.closeAllConnections();
  await new Promise<void>((resolve) => floorServer.close(() => resolve()));
  await floorSql.end();
  const floorRate = (rate(floorBefore) + rate(floorAfter)) / 2;
  const failures = oneOrg.non2xx + oneOrg.errors + spread.reduce((s, r) => s + r.non2xx + r.errors, 0);
  if (failures) console.log(`WARNING: ${failures} create requests failed`);
  console.log(`create / floor: big org ${(rate(oneOrg) / floorRate).toFixed(2)}, 16 orgs ${(spreadRate / floorRate).toFixed(2)} (floor ${floorRate.toFixed(0)} req/s, mean of both runs)`);
  summary.push({ what: `Floor: bare Hono \`POST /floor\`, one INSERT, superuser pool, ${CONCURRENCY} connections, ${SECONDS} s (before / after the creates)`, result: `${rate(floorBefore).toFixed(0)} / ${rate(floorAfter).toFixed(0)} req/s; p50 ${floorBefore.latency.p50} ms, p99 ${floorBefore.latency.p99} ms` });
  summary.push({ what: `Create \`POST /api/v1/tickets\`, all in the big org, ${CONCURRENCY} connections, ${SECONDS} s`, result: `${rate(oneOrg).toFixed(0)} req/s = ${(rate(oneOrg) / floorRate).toFixed(2)} × floor; p50 ${oneOrg.latency.p50} ms, p99 ${oneOrg.latency.p99} ms`, target: '≥ 0.5 × floor', met: rate(oneOrg) >= floorRate / 2 && failures === 0 });
  summary.push({ what: `Create, ${spread.length} orgs × 1 connection, ${SECONDS} s`, result: `${spreadRate.toFixed(0)} req/s = ${(spreadRate / floorRate).toFixed(2)} × floor; p50 ${spreadP50} ms, p99 ${spreadP99} ms`, target: '≥ 0.5 × floor', met: spreadRate >= floorRate / 2 && failures === 0 });

  // The plans, as the application role under RLS, through the plan cache as the app's prepared
  // statements go through it (after five runs PostgreSQL may switch to a generic plan).
  const [cursorRow] = await withTenant(server.sql, { orgId: seed.bigOrgId, userId: agentId, role: 'agent' }, (tx) =>
    tx<{ at: string; number: string }[]>`select updated_at::text as at, number::text from tickets where status in ('new', 'open', 'pending', 'on_hold') order by updated_at desc, number desc offset 999 limit 1`,
  );
  const select = `select ${TICKET_COLUMNS.replace(/\s+/g, ' ')}, t.updated_at::text as sort_at from tickets t join users u on u.id = t.requester_id`;
  const order = 'order by t.updated_at desc, t.number desc';
  const unsolved = "t.status in ('new', 'open', 'pending', 'on_hold')";
  const search = 't.search @@ websearch_to_tsquery((select search_language from organizations where id = app.current_org()), $1)';
  const plans: [string, string, string, unknown[]][] = [
    ['queue, page 1', '(int)', `${select} where true and ${unsolved} ${order} limit $1`, [51]],
    ['queue, page 21 (cursor)', '(timestamptz, bigint, int)', `${select} where true and ${unsolved} and (t.updated_at, t.number) < ($1, $2) ${order} limit $3`, [cursorRow!.at, cursorRow!.number, 51]],
    [`search "${COMMON_WORD}"`, '(text, int)', `${select} where true and ${search} ${order} limit $2`, [COMMON_WORD, 51]],
    [`search "${RARE_WORD}"`, '(text, int)', `${select} where true and ${search} ${order} limit $2`, [RARE_WORD, 51]],
  ];
  await withTenant(server.sql, { orgId: seed.bigOrgId, userId: agentId, role: 'agent' }, async (tx) => {
    for (const [i, [name, types, text, args]] of plans.entries()) {
      const literal = args.map((a) => (typeof a === 'number' ? String(a) : `'${String(a).replace(/'/g, "''")}'`)).join(', ');
      await tx.unsafe(`prepare bench_plan_${i} ${types} as ${text}`);
      for (let run = 0; run < 6; run++) await tx.unsafe(`execute bench_plan_${i}(${literal})`);
      const rows = await tx.unsafe(`explain (analyze, buffers) execute bench_plan_${i}(${literal})`);
      console.log(`\nplan: ${name} (as atum_app, org bench-0000, role agent; 7th execution of the prepared statement)\n${rows.map((r) => `  ${String(r['QUERY PLAN'])}`).join('\n')}`);
    }
  });

  console.log(`\n| measure (${size.orgs} orgs, ${size.tickets} tickets, ${size.bigOrgTickets} in the big org) | result | target | met |\n|---|---|---|---|`);
  for (const r of summary) console.log(`| ${r.what} | ${r.result} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`);
} finally {
  await server.close();
}
