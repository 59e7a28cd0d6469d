/**
 * Tickets at scale, over real HTTP, in one run: seed 1,000 orgs and 1,000,000 tickets (100,000
 * in org bench-0000), then measure that org's agent queue, full-text search and ticket creation
 * at concurrency 16, against a floor measured in the same run: a bare Hono handler doing one
 * INSERT with no RLS, audit or triggers.
 *
 * Sizes: BENCH_ORGS, BENCH_TICKETS, BENCH_BIG_ORG_TICKETS; duration: BENCH_SECONDS.
 */
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { signAccessToken } from '../../lib/auth/access-token.ts';
import { withTenant } from '../../lib/db/tenant.ts';
import { quantile, startBenchServer } from './harness.ts';
import { seedTickets } from './seed-tickets.ts';

const ORGS = Number(process.env.BENCH_ORGS ?? 1000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const BIG = Number(process.env.BENCH_BIG_ORG_TICKETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 16;

const server = await startBenchServer();
try {
  console.log(`seeding ${ORGS} orgs, ${TICKETS} tickets (${BIG} in bench-0000) on ${os.cpus().length} cores …`);
  const seed = await seedTickets(server.owner, { orgs: ORGS, tickets: TICKETS, bigOrgTickets: BIG });
  console.log(`seeded in ${seed.seconds.toFixed(0)} s`);
  const tokenOf = async (orgId: string, userId: string) => `Bearer ${await signAccessToken(server.keys, { orgId, userId, role: 'agent' })}`;
  const bigAuth = await tokenOf(seed.bigOrgId, seed.bigOrgAgentId);

  const timeGet = async (path: string, n: number): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const res = await fetch(server.url + path, { headers: { authorization: bigAuth } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  };
  const summary = (name: string, times: number[]) =>
    console.log(`${name}: p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms (n=${times.length})`);

  await timeGet('/api/v1/tickets?status=unsolved&limit=50', 20); // warm-up
  summary('queue (50 unsolved by update time)', await timeGet('/api/v1/tickets?status=unsolved&sort=updated_desc&limit=50', 300));

  const deep: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const t0 = performance.now();
    const res: Response = await fetch(`${server.url}/api/v1/tickets?status=unsolved&limit=50${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: bigAuth } });
    const body = (await res.json()) as { next_cursor: string | null };
    deep.push(performance.now() - t0);
    cursor = body.next_cursor;
  }
  console.log(`queue pages 1-20 by cursor: ${deep.map((ms) => ms.toFixed(0)).join(' ')} ms`);
  summary('search, a common word ("printer")', await timeGet('/api/v1/tickets?q=printer&limit=50', 100));
  summary('search, a rare word ("zanzibar")', await timeGet('/api/v1/tickets?q=zanzibar&limit=50', 100));

  const queueLoad = await autocannon({ url: `${server.url}/api/v1/tickets?status=unsolved&limit=50`, connections: 8, duration: SECONDS, headers: { authorization: bigAuth } });
  console.log(`queue under load (8 connections): ${queueLoad.requests.average.toFixed(0)} req/s, p50 ${queueLoad.latency.p50} ms, p99 ${queueLoad.latency.p99} ms, ${queueLoad.non2xx} non-2xx`);

  const body = JSON.stringify({ subject: 'Benchmark ticket', body: 'The printer shows an error after the update; please help.' });
  const post = { method: 'POST', body, headers: { authorization: bigAuth, 'content-type': 'application/json' } };
  const oneOrg = await autocannon({ url: `${server.url}/api/v1/tickets`, connections: CONCURRENCY, duration: SECONDS, ...post });
  console.log(`create, one org, ${CONCURRENCY} connections: ${oneOrg.requests.average.toFixed(0)} req/s, p50 ${oneOrg.latency.p50} ms, p99 ${oneOrg.latency.p99} ms, ${oneOrg.non2xx} non-2xx`);

  const spread = await Promise.all(
    seed.agents.slice(1, CONCURRENCY + 1).map(async (a) =>
      autocannon({ url: `${server.url}/api/v1/tickets`, connections: 1, duration: SECONDS, method: 'POST', body, headers: { authorization: await tokenOf(a.orgId, a.userId), 'content-type': 'application/json' } }),
    ),
  );
  const spreadRate = spread.reduce((sum, r) => sum + r.requests.average, 0);
  console.log(`create, ${spread.length} orgs, 1 connection each: ${spreadRate.toFixed(0)} req/s, ${spread.reduce((s, r) => s + r.non2xx, 0)} non-2xx`);

  // The floor: the same HTTP stack and database, one INSERT, no RLS, no audit, no triggers.
  await server.owner`create table bench_floor (id bigserial primary key, org_id uuid not null, subject text not null, body text not null, created_at timestamptz not null default now())`;
  const floorApp = new Hono().post('/floor', async (c) => {
    const input = (await c.req.json()) as { subject: string; body: string };
    const [row] = await server.owner`insert into bench_floor (org_id, subject, body) values (${seed.bigOrgId}, ${input.subject}, ${input.body}) returning id::text as id`;
    return c.json(row, 201);
  });
  const floorServer = serve({ fetch: floorApp.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
  await new Promise<void>((resolve) => floorServer.once('listening', () => resolve()));
  const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/floor`;
  const floor = await autocannon({ url: floorUrl, connections: CONCURRENCY, duration: SECONDS, method: 'POST', body, headers: { 'content-type': 'application/json' } });
  floorServer.closeAllConnections();
  await new Promise<void>((resolve) => floorServer.close(() => resolve()));
  console.log(`floor (bare INSERT), ${CONCURRENCY} connections: ${floor.requests.average.toFixed(0)} req/s, p50 ${floor.latency.p50} ms, p99 ${floor.latency.p99} ms`);
  console.log(`create / floor: one org ${(oneOrg.requests.average / floor.requests.average).toFixed(2)}, spread ${(spreadRate / floor.requests.average).toFixed(2)}`);

  // The plans, as the application role under RLS.
  const plans = await withTenant(server.sql, { orgId: seed.bigOrgId, userId: seed.bigOrgAgentId, role: 'agent' }, async (tx) => ({
    queue: await tx.unsafe(`explain (analyze, buffers, costs off) select t.number from tickets t join users u on u.id = t.requester_id
      where t.status in ('new', 'open', 'pending', 'on_hold') order by t.updated_at desc, t.number desc limit 51`),
    search: await tx.unsafe(`explain (analyze, buffers, costs off) select t.number from tickets t join users u on u.id = t.requester_id
      where t.search @@ websearch_to_tsquery('english', 'printer') order by t.updated_at desc, t.number desc limit 51`),
  }));
  for (const [name, rows] of Object.entries(plans)) console.log(`\nplan: ${name}\n${rows.map((r) => `  ${String(r['QUERY PLAN'])}`).join('\n')}`);
} finally {
  await server.close();
}
