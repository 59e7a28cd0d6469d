/**
 * The cost of the unforgeable tenant context (sql/022, issue 14), alternated in one run on the
 * same data and process: the agent queue and ticket creation with the context as it was before
 * (settings read straight by inlined SQL functions, set by set_config) and as it is (entered with
 * the proof, signed with a keyed SHA-256, checked by app.context_field once per policy and statement).
 *
 * "before" is put back by the bench in SQL: app.current_*() as the plain SQL functions of sql/001
 * and sql/006, app.enter as four set_config calls without proof or MAC, and every policy's
 * `(SELECT app.current_x())` unwrapped to `app.current_x()`. "after" restores the definitions
 * read from the catalog at the start. Everything else (the people view, the request code) is the
 * same in both arms. Pairs run in alternating order (before/after, after/before, …) so that
 * neither arm always runs on a warmer cache.
 *
 * Sizes as tickets.bench.ts (BENCH_ORGS, BENCH_TICKETS, BENCH_BIG_ORG_TICKETS, BENCH_DATABASE_URL
 * with BENCH_DB_NAME to keep the seed); BENCH_PAIRS pairs (3), BENCH_QUEUE_REQUESTS (500) and
 * BENCH_SECONDS (10) per arm.
 */
import autocannon, { type Result } from 'autocannon';
import { signAccessToken } from '#lib/auth/access-token.ts';
import type { Sql } from '#lib/db/pool.ts';
import { cpuBetween, cpuSample, waitForQuiet, type CpuUse } from './cpu.ts';
import { quantile, startBenchServer } from './harness.ts';
import { openTicketSeed } from './seed-tickets.ts';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const QUEUE_REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const QUIET_WAIT_SECONDS = Number(process.env.BENCH_QUIET_WAIT ?? 180);
const QUIET_THRESHOLD = Number(process.env.BENCH_QUIET_CORES ?? 0.15);
const QUEUE = '/api/v1/tickets?status=unsolved&sort=updated_desc&limit=50';
const CONTEXT_FUNCTIONS = ['context_field', 'current_org', 'current_user_id', 'current_member_role', 'current_api_key_id', 'current_client_ip', 'enter'];

/**
 * `before` and `after` as above. Two arms tell where the cost lies:
 * - `split`, the old plain functions under the new (select …)-wrapped policies: the InitPlans alone;
 * - `unchecked`, the new functions with an app.context_field that trusts the setting (no key
 *   read, no hash, no pid or transaction check): the SECURITY DEFINER PL/pgSQL call alone.
 * BENCH_ARMS picks them (default `before,after`), e.g. BENCH_ARMS=before,split,unchecked,after.
 */
type Mode = 'before' | 'after' | 'split' | 'unchecked';
const MODES: readonly Mode[] = ['before', 'after', 'split', 'unchecked'];
interface Policy {
  schemaname: string;
  tablename: string;
  policyname: string;
  qual: string | null;
  with_check: string | null;
}

/** The definitions as migrated (the "after" arm), read once so either arm can be put in place. */
async function readAfter(owner: Sql): Promise<{ functions: string[]; policies: Policy[] }> {
  const functions = await owner<{ def: string }[]>`
    select pg_get_functiondef(p.oid) as def from pg_proc p
    where p.pronamespace = 'app'::regnamespace and p.proname = any (${CONTEXT_FUNCTIONS})`;
  const policies = await owner<Policy[]>`select schemaname, tablename, policyname, qual, with_check from pg_policies`;
  return { functions: functions.map((f) => f.def), policies };
}

const BEFORE_FUNCTIONS = `
create or replace function app.current_org() returns uuid language sql stable parallel safe
  as $$ select nullif(current_setting('app.org_id', true), '')::uuid $$;
create or replace function app.current_user_id() returns uuid language sql stable parallel safe
  as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
create or replace function app.current_member_role() returns member_role language sql stable parallel safe
  as $$ select nullif(current_setting('app.role', true), '')::member_role $$;
create or replace function app.current_api_key_id() returns uuid language sql stable parallel safe
  as $$ select nullif(current_setting('app.api_key_id', true), '')::uuid $$;
create or replace function app.current_client_ip() returns inet language sql stable parallel safe
  as $$ select nullif(current_setting('app.client_ip', true), '')::inet $$;
create or replace function app.enter(p_proof bytea, p_service boolean, p_org uuid, p_user uuid, p_role text, p_api_key uuid, p_ip text) returns void
  language plpgsql volatile
  as $fn$
  begin
    perform set_config('app.org_id', coalesce(p_org::text, ''), true), set_config('app.user_id', coalesce(p_user::text, ''), true),
            set_config('app.role', coalesce(p_role, ''), true), set_config('app.api_key_id', coalesce(p_api_key::text, ''), true),
            set_config('app.client_ip', coalesce(p_ip, ''), true);
  end
  $fn$;`;

/** app.context_field without its check: the field of app.context as it stands. */
const uncheck = (def: string) => (def.includes('FUNCTION app.context_field(') ? def.replace(/\bbegin\b[\s\S]*\bend\b/i, "BEGIN RETURN nullif(pg_catalog.split_part(c, '|', p_field), ''); END") : def);

const unwrap = (expr: string) => expr.replace(/\(\s*SELECT (app\.current_\w+\(\)) AS \w+\)/g, '$1');

async function applyMode(owner: Sql, after: { functions: string[]; policies: Policy[] }, mode: Mode): Promise<void> {
  await owner.begin(async (tx) => {
    if (mode === 'before' || mode === 'split') await tx.unsafe(BEFORE_FUNCTIONS);
    else for (const def of after.functions) await tx.unsafe(mode === 'unchecked' ? uncheck(def) : def);
    for (const p of after.policies) {
      const using = p.qual && (mode === 'before' ? unwrap(p.qual) : p.qual);
      const check = p.with_check && (mode === 'before' ? unwrap(p.with_check) : p.with_check);
      const on = `"${p.policyname}" on "${p.schemaname}"."${p.tablename}"`;
      if (using) await tx.unsafe(`alter policy ${on} using (${using})`);
      if (check) await tx.unsafe(`alter policy ${on} with check (${check})`);
    }
  });
  // No reconnect is needed: altering a policy or a function invalidates the cached plans that use it.
}

const server = await startBenchServer();
try {
  const seed = await openTicketSeed(server.owner, console.log);
  const after = await readAfter(server.owner);
  const auth = `Bearer ${await signAccessToken(server.keys, { orgId: seed.bigOrgId, userId: seed.bigOrgAgents[0]!, role: 'agent' }, 6 * 3600)}`;
  const body = JSON.stringify({ subject: 'Scanner offline after the update', body: 'Since this morning the scanner on the third floor shows an error. Please help.' });

  const queue = async (n: number): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const res = await fetch(server.url + QUEUE, { headers: { authorization: auth } });
      const page = (await res.json()) as { items?: unknown[] };
      if (res.status !== 200 || page.items?.length !== 50) throw new Error(`the queue answered ${res.status} with ${page.items?.length} rows`);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  };
  const create = (duration: number): Promise<Result> =>
    autocannon({ url: `${server.url}/api/v1/tickets`, connections: 16, duration, method: 'POST', body, headers: { 'content-type': 'application/json', authorization: auth } });
  const measured = async <T>(fn: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> => {
    await waitForQuiet({ maxSeconds: QUIET_WAIT_SECONDS, threshold: QUIET_THRESHOLD, database: server.database });
    const before = cpuSample(server.database);
    const result = await fn();
    return { result, cpu: cpuBetween(before, cpuSample(server.database)) };
  };

  const rows: string[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const arms = (process.env.BENCH_ARMS ?? 'before,after').split(',').map((a) => {
      if (!MODES.includes(a as Mode)) throw new Error(`BENCH_ARMS: ${a} is not one of ${MODES.join(', ')}`);
      return a as Mode;
    });
    const order = pair % 2 === 0 ? arms : [...arms].reverse();
    for (const mode of order) {
      console.log(`pair ${pair + 1}: the ${mode} context`);
      await applyMode(server.owner, after, mode);
      await queue(50); // warm-up: the pool's connections and their prepared statements
      await create(2);
      const q = await measured(() => queue(QUEUE_REQUESTS));
      const c = await measured(() => create(SECONDS));
      const rate = c.result.requests.total / c.result.duration;
      const failed = c.result.non2xx + c.result.errors;
      const cpu = (u: CpuUse) => `${u.ours?.toFixed(2) ?? '?'} / ${u.others?.toFixed(2) ?? '?'}`;
      const row = `| ${pair + 1} | ${mode} | p50 ${quantile(q.result, 0.5).toFixed(1)} ms, **p95 ${quantile(q.result, 0.95).toFixed(1)} ms** | ${cpu(q.cpu)} | **${rate.toFixed(0)} req/s**, p50 ${c.result.latency.p50} ms, p99 ${c.result.latency.p99} ms${failed ? `, ${failed} failed` : ''} | ${cpu(c.cpu)} |`;
      console.log(row);
      rows.push(row);
    }
  }
  await applyMode(server.owner, after, 'after');
  console.log(
    `\n| pair | context | queue, ${QUEUE_REQUESTS} sequential | CPU ours / others | create, big org, 16 connections, ${SECONDS} s | CPU ours / others |\n|---|---|---|---|---|---|\n${rows.join('\n')}`,
  );
} finally {
  await server.close();
}
