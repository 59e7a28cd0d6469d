import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Hono } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import { createApp } from '#lib/app.ts';
import { ConfigError, loadConfig } from '#lib/config.ts';
import { createKvStore, KvUnavailableError, type KvStore } from '#lib/kv/index.ts';
import { loadRouteTable } from '#lib/router/mount.ts';
import { TEST_PASSWORD, TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';
import { freePort } from './helpers/free-port.ts';
import { startOwnRedis, type OwnRedis } from './helpers/redis-server.ts';

// Issue 13, faults 6 and 11, against this file's own redis-server (never the shared one on 6379).
const t = useTestApp();
let redis: OwnRedis;
let owner: Member;
const stores: KvStore[] = [];

/** The app as `npm start` wires it with REDIS_URL (and REDIS_PREFIX, when given) set. */
async function appWithRedis(env: Record<string, string> = {}): Promise<{ app: Hono<AppEnv>; prefix: string; lines: string[] }> {
  const config = loadConfig({ DATABASE_URL: t.db.appUrl, APP_SECRET: TEST_SECRET, PUBLIC_URL: 'http://atum.test', DATA_DIR: t.deps.config.dataDir, REDIS_URL: redis.url, ...env });
  const lines: string[] = [];
  const kv = createKvStore(config.redisUrl, config.redisPrefix, (l) => lines.push(l));
  stores.push(kv);
  return { app: createApp({ ...t.deps, config, kv }, await loadRouteTable()), prefix: config.redisPrefix, lines };
}

const post = (app: Hono<AppEnv>, path: string, body: unknown, headers: Record<string, string> = {}) =>
  Promise.resolve(app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }));
/** A sign-in page form, as a browser posts it. */
const formPost = (app: Hono<AppEnv>, path: string, fields: Record<string, string>) =>
  Promise.resolve(
    app.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: 'http://atum.test' },
    }),
  );
const login = (app: Hono<AppEnv>, password = TEST_PASSWORD) => post(app, '/api/v1/auth/login', { org: 'outage', email: owner.email, password });

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  redis = await startOwnRedis();
  owner = await t.org('outage');
});
afterAll(async () => {
  for (const kv of stores) await kv.close();
  await redis?.kill();
});

describe('while Redis is down', () => {
  it('sign-in and reset requests answer 503 with Retry-After at once, refresh goes on, health says kv down; all work again when it is back', async () => {
    const { app, lines } = await appWithRedis();
    const before = await login(app);
    expect(before.status, await before.clone().text()).toBe(200);
    const { refresh_token } = (await before.json()) as { refresh_token: string };

    await redis.kill();
    try {
      await duringOutage(app, refresh_token, lines);
    } finally {
      await redis.start();
    }
    const again = await until(
      () => login(app),
      (r) => r.status !== 503,
    );
    expect(again.status).toBe(200);
    expect(((await (await app.request('/api/v1/health')).json()) as { kv: unknown }).kv).toEqual({ kind: 'redis', status: 'ok' });
    expect(lines.at(-1)).toMatch(/is reachable again$/);
  });
});

describe('a ticket page while Redis is down', () => {
  it('opens (200) without the "also here" list, since presence lives in Redis', async () => {
    const { app } = await appWithRedis();
    const created = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'Printer on fire', body: 'Smoke everywhere' } });
    expect(created.status, await created.clone().text()).toBe(201);
    const { number } = (await created.json()) as { number: number };
    const signIn = await formPost(app, '/login', { org: 'outage', email: owner.email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers
      .getSetCookie()
      .map((l) => l.split(';')[0])
      .join('; ');
    await redis.kill();
    try {
      await until(
        async () => (await (await app.request('/api/v1/health')).json()) as { kv: { status: string } },
        (h) => h.kv.status === 'down',
      );
      const page = await Promise.resolve(app.request(`/app/tickets/${number}`, { headers: { accept: 'text/html', cookie } }));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Printer on fire');
    } finally {
      await redis.start();
    }
  });
});

/** What the outage looks like from outside; the caller brings Redis back whatever happens here. */
async function duringOutage(app: Hono<AppEnv>, refresh_token: string, lines: string[]): Promise<void> {
  const health = await until(
    async () => (await app.request('/api/v1/health')).json() as Promise<{ status: string; kv: unknown }>,
    (h) => (h.kv as { status: string }).status === 'down',
  );
  expect(health).toMatchObject({ status: 'degraded', kv: { kind: 'redis', status: 'down' } });

  const started = Date.now();
  const refused = await login(app);
  expect(Date.now() - started).toBeLessThan(1500);
  expect(refused.status).toBe(503);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limit_unavailable');

  const forgot = await post(app, '/api/v1/auth/password/forgot', { org: 'outage', email: owner.email });
  expect(forgot.status).toBe(503);
  expect(forgot.headers.get('retry-after')).not.toBeNull();
  expect(((await forgot.json()) as { error: { code: string } }).error.code).toBe('rate_limit_unavailable');

  // The sign-in page keeps the form and says what is wrong, instead of a 500 page.
  const page = await formPost(app, '/login', { org: 'outage', email: owner.email, password: TEST_PASSWORD });
  expect(page.status).toBe(503);
  expect(page.headers.get('retry-after')).not.toBeNull();
  const html = await page.text();
  expect(html).toContain('try again in a few seconds');
  expect(html).toContain(`value="${owner.email}"`);
  const forgotPage = await formPost(app, '/forgot', { org: 'outage', email: owner.email });
  expect(forgotPage.status).toBe(503);

  // Refresh goes on without its throttle (README, Signing in), and reuse detection still holds:
  // the first token, spent and then followed by another refresh, signs the session out.
  const refreshed = await post(app, '/api/v1/auth/refresh', { refresh_token });
  expect(refreshed.status, await refreshed.clone().text()).toBe(200);
  const next = (await refreshed.json()) as { refresh_token: string };
  expect((await post(app, '/api/v1/auth/refresh', { refresh_token: next.refresh_token })).status).toBe(200);
  const reused = await post(app, '/api/v1/auth/refresh', { refresh_token });
  expect(reused.status).toBe(401);
  expect(((await reused.json()) as { error: { message: string } }).error.message).toMatch(/already been used/);
  expect(lines.some((l) => /Redis at redis:\/\/127\.0\.0\.1:\d+\/? is unreachable/.test(l))).toBe(true);
}

describe('a Redis that never answered', () => {
  it('fails each command within about a second with KvUnavailableError (503), and ping says false', async () => {
    const kv = createKvStore(`redis://127.0.0.1:${await freePort()}`, 'atum-none:');
    stores.push(kv);
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const err = await kv.incr('throttle:x', 60).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(err).toBeInstanceOf(KvUnavailableError);
      expect(err).toMatchObject({ status: 503, code: 'kv_unavailable', headers: { 'Retry-After': '5' } });
    }
    expect(await kv.ping()).toBe(false);
  });
});

describe('two installations on one Redis', () => {
  it('keep their sign-in counters apart: the default prefix comes from the database each serves', async () => {
    const one = await appWithRedis();
    // Another installation: another database (the API answers from this file's, which does not matter to the counters).
    const otherDb = new URL(t.db.appUrl);
    otherDb.pathname = '/another_desk';
    const two = await appWithRedis({ DATABASE_URL: otherDb.toString() });
    // Five wrong passwords are free; the sixth locks the account on installation one only.
    for (let i = 0; i < 6; i++) expect((await login(one.app, 'wrong password')).status).toBe(401);
    expect((await login(one.app)).status).toBe(429);
    expect((await login(two.app)).status).toBe(200);
    expect(one.prefix).toMatch(/^atum:[0-9a-f]{12}:$/);
    expect(two.prefix).toMatch(/^atum:[0-9a-f]{12}:$/);
    expect(two.prefix).not.toBe(one.prefix);

    const raw = new Redis(redis.url);
    try {
      const keys = await raw.keys('*');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(key.startsWith(one.prefix) || key.startsWith(two.prefix), key).toBe(true);
    } finally {
      raw.disconnect();
    }
  });

  it('REDIS_PREFIX sets the prefix; the API and worker roles of one database share the default', () => {
    const base = { DATABASE_URL: t.db.appUrl, APP_SECRET: TEST_SECRET };
    expect(loadConfig({ ...base, REDIS_PREFIX: 'desk-two:' }).redisPrefix).toBe('desk-two:');
    expect(() => loadConfig({ ...base, REDIS_PREFIX: 'has space' })).toThrow(ConfigError);
    const asWorker = new URL(t.db.appUrl);
    asWorker.username = 'atum_worker';
    asWorker.password = 'other';
    expect(loadConfig({ ...base, DATABASE_URL: asWorker.toString() }).redisPrefix).toBe(loadConfig(base).redisPrefix);
  });
});
