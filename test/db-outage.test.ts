import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { signAccessToken, tokenKeys } from '#lib/auth/access-token.ts';
import { createOrg } from '#lib/orgs/create.ts';
import { startApiProcess, type ApiProcess } from './helpers/api-process.ts';
import { TEST_SECRET } from './helpers/secret.ts';
import { startOwnCluster, type OwnCluster } from './helpers/own-cluster.ts';
import { startLoad, type Sample } from './helpers/outage-load.ts';
import { readSse } from './helpers/sse.ts';

/**
 * Issue 13, fault 1: one dropped PostgreSQL connection used to kill the API (postgres.js
 * nextWrite on a null socket). Under load from concurrent clients, backends are terminated at
 * random and the cluster is restarted twice. DB_OUTAGE_SECONDS sets how long (default 60).
 */
const SECONDS = Number(process.env.DB_OUTAGE_SECONDS ?? 60);
const CLIENTS = 8;
/** How long each restart keeps the database away. */
const AWAY_MS = 3_000;
/** The acceptance: a 2xx within this long of the database's return. */
const RETURN_MS = 2_000;
const SECRET = TEST_SECRET;

let pg: OwnCluster;
let api: ApiProcess;
let killer: postgres.Sql;
let auth: string;
let cookie: string;

beforeAll(async () => {
  pg = await startOwnCluster();
  // The killer must itself come back at once after a restart: no growing backoff.
  killer = postgres(pg.ownerUrl, { max: 1, onnotice: () => {}, backoff: () => 0.05, connect_timeout: 2 });
  const owner = await createOrg(killer, { slug: 'outage', name: 'Outage', adminEmail: 'owner@outage.test', adminPassword: 'correct horse battery' });
  api = await startApiProcess({ DATABASE_URL: pg.appUrl, APP_SECRET: SECRET });
  const token = await signAccessToken(tokenKeys(SECRET, api.url), { userId: owner.userId, orgId: owner.orgId, role: 'owner' }, 3600);
  auth = `Bearer ${token}`;
  cookie = `atum_at=${token}`;
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await killer?.end({ timeout: 1 });
  await pg?.close();
});

/** Polls `samples` until one matches, with a deadline. */
async function waitForSample(samples: Sample[], match: (s: Sample) => boolean, timeoutMs: number, what: string): Promise<Sample> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = samples.find(match);
    if (found) return found;
    if (api.exited()) throw new Error(`The API process stopped (${JSON.stringify(api.exited())}) while waiting for a ${what}:\n${api.output()}`);
    if (Date.now() > deadline) throw new Error(`No ${what} within ${timeoutMs} ms; answers meanwhile: ${summary(samples.filter((s) => s.ended > deadline - timeoutMs))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** "write 503 ×4, read 200 ×9, …" with the first error met, for failure messages. */
function summary(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) {
    const key = `${s.kind} ${s.status}${s.retryAfter ? ' retry' : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const error = samples.find((s) => s.error)?.error;
  return `${[...counts].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}${error ? `; first network error: ${error}` : ''}`;
}

const ok = (s: Sample) => s.status >= 200 && s.status < 300;
const unavailable = (s: Sample) => s.status === 503 && s.retryAfter !== null && Number(s.retryAfter) > 0;

describe('the API through a database that drops connections and restarts', () => {
  it(
    `answers 2xx or 503 + Retry-After for ${SECONDS} s of chaos, comes back within 2 s, never crashes, loses no acknowledged write`,
    async () => {
      const live = readSse(await fetch(`${api.url}/app/events`, { headers: { authorization: auth } }));
      const opened = Date.now(); // the stream is open once its first comment came
      while (!live.comments.includes('connected')) {
        if (Date.now() > opened + 5_000) throw new Error('The live-update stream did not open');
        await new Promise((r) => setTimeout(r, 20));
      }
      const load = startLoad({ url: api.url, auth, cookie, clients: CLIENTS, paceMs: 20 });
      const start = Date.now();
      const end = start + SECONDS * 1000;
      const restartAt = [0.3, 0.65].map((f) => start + f * SECONDS * 1000);
      const returns: { away: number; back: number; firstOk: number; firstWrite: number }[] = [];
      let terminated = 0;
      try {
        while (Date.now() < end) {
          if (restartAt.length && Date.now() >= restartAt[0]!) {
            restartAt.shift();
            const away = Date.now();
            await pg.stop();
            // While it is away the API must say so: wait for a 503 to a request sent after the stop.
            await waitForSample(load.samples, (s) => s.started > away && unavailable(s), 10_000, '503 while the database is away');
            while (Date.now() < away + AWAY_MS) await new Promise((r) => setTimeout(r, 50)); // keep it away a while (pacing)
            await pg.start();
            const back = Date.now();
            const firstOk = await waitForSample(load.samples, (s) => s.started >= back && ok(s), 10_000, '2xx after the return');
            const firstWrite = await waitForSample(load.samples, (s) => s.started >= back && s.kind === 'write' && ok(s), 10_000, 'acknowledged write after the return');
            returns.push({ away: back - away, back, firstOk: firstOk.ended - back, firstWrite: firstWrite.ended - back });
            continue;
          }
          const killed = await killer`select pg_terminate_backend(pid) as done from pg_stat_activity where usename = 'atum_app' and random() < 0.5`.catch(() => []);
          terminated += killed.filter((r) => r.done).length;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 300)); // chaos pacing
        }
      } finally {
        await load.stop();
      }

      const samples = load.samples;
      const acknowledged = samples.flatMap((s) => (s.ticket ? [s.ticket] : []));
      const slowest = samples.reduce((m, s) => Math.max(m, s.ended - s.started), 0);
      console.log(
        `db-outage: ${samples.length} requests in ${SECONDS} s from ${CLIENTS} clients (${samples.filter(ok).length} 2xx, ${samples.filter(unavailable).length} 503), ` +
          `${acknowledged.length} acknowledged writes, ${terminated} backends terminated, slowest answer ${slowest} ms; ` +
          `restarts: ${returns.map((r) => `away ${r.away} ms, first 2xx +${r.firstOk} ms, first write +${r.firstWrite} ms`).join('; ')}`,
      );
      const exited = api.exited();
      expect(exited, `the API process stopped:\n${api.output()}`).toBeNull();
      expect(api.output()).not.toMatch(/TypeError|uncaught|unhandled/i);

      const wrong = samples.filter((s) => !ok(s) && !unavailable(s));
      expect(wrong.slice(0, 10), `${wrong.length} of ${samples.length} answers were neither 2xx nor 503 with Retry-After`).toEqual([]);
      // While the database is away the answer comes at once, not after postgres.js's reconnect
      // backoff (up to 20 s by default; about 19 s was measured before lib/db/pool.ts capped it).
      expect(slowest, 'the slowest answer (ms)').toBeLessThan(8_000);
      const pages503 = samples.filter((s) => s.kind === 'page' && s.status === 503);
      expect(pages503.length, 'a page request met the outage').toBeGreaterThan(0);
      for (const s of pages503) expect(s.contentType).toMatch(/^text\/html/);
      const health503 = samples.filter((s) => s.kind === 'health' && s.status === 503);
      expect(health503.length, 'health said the database was down').toBeGreaterThan(0);

      expect(terminated, 'backends terminated by the chaos loop').toBeGreaterThan(10);
      expect(returns).toHaveLength(2);
      for (const r of returns) {
        expect(r.firstOk, `first 2xx after a restart (${JSON.stringify(r)})`).toBeLessThanOrEqual(RETURN_MS);
        expect(r.firstWrite, `first acknowledged write after a restart (${JSON.stringify(r)})`).toBeLessThanOrEqual(RETURN_MS);
      }

      // Every write the API acknowledged is in the database.
      expect(acknowledged.length).toBeGreaterThan(20);
      const numbers = acknowledged.map((t) => t.number);
      const rows = await killer<{ number: number; subject: string }[]>`select number::int as number, subject from tickets where number = any(${numbers}::bigint[])`;
      const stored = new Map(rows.map((r) => [r.number, r.subject]));
      const lost = acknowledged.filter((t) => stored.get(t.number) !== t.subject);
      expect(lost, `${lost.length} of ${acknowledged.length} acknowledged writes are missing`).toEqual([]);

      // Live updates came back too: a change made now reaches the stream opened before the chaos.
      // (A change made while the LISTEN connection was being replaced is lost by design, and the
      // stream says `resync`; so changes are made until one is heard, with a deadline.)
      const liveFrom = Date.now();
      let heard: number | undefined;
      while (heard === undefined && Date.now() < liveFrom + 15_000) {
        const res = await fetch(`${api.url}/api/v1/tickets`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({ subject: 'after the chaos', body: 'x' }),
        });
        expect(res.status).toBe(201);
        const { number } = (await res.json()) as { number: number };
        heard = await live
          .waitFor((e) => e.event === `ticket-${number}`, 2_000)
          .then(
            () => Date.now() - liveFrom,
            () => undefined,
          );
      }
      expect(heard, 'a live update reached the stream opened before the chaos').toBeDefined();
      console.log(`db-outage: live updates heard again ${heard} ms after the chaos ended`);
      await live.close();
    },
    (SECONDS + 180) * 1000,
  );
});
