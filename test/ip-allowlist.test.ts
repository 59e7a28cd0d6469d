import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#lib/app.ts';
import { loadConfig } from '#lib/config.ts';
import { loadRouteTable } from '#lib/router/mount.ts';
import { serveTestApp } from './helpers/http-server.ts';
import { TEST_PASSWORD, TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let behindProxy: { url: string; close(): Promise<void> };
let direct: { url: string; close(): Promise<void> };

/** Two real servers on the same database: one trusts 127.0.0.1 as its proxy, one trusts nobody. */
beforeAll(async () => {
  const table = await loadRouteTable();
  const env = { DATABASE_URL: t.db.appUrl, APP_SECRET: TEST_SECRET, PUBLIC_URL: 'http://atum.test' };
  behindProxy = await serveTestApp(createApp({ ...t.deps, config: loadConfig({ ...env, TRUSTED_PROXIES: '127.0.0.1/32, ::1' }) }, table));
  direct = await serveTestApp(createApp({ ...t.deps, config: loadConfig(env) }, table));
  owner = await t.org('allow-co');
  agent = await t.member(owner, 'agent');
});
afterAll(async () => {
  await behindProxy?.close();
  await direct?.close();
});

const call = (server: { url: string }, path: string, init: { method?: string; body?: unknown; auth?: string; from?: string } = {}) =>
  fetch(server.url + path, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.auth ? { authorization: init.auth } : {}),
      ...(init.from ? { 'x-forwarded-for': init.from } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
const login = (server: { url: string }, m: Member, from?: string) =>
  call(server, '/api/v1/auth/login', { method: 'POST', body: { org: 'allow-co', email: m.email, password: TEST_PASSWORD }, ...(from ? { from } : {}) });

describe('per-org IP allowlists', () => {
  it('allows everything while the list is empty', async () => {
    expect((await login(behindProxy, agent, '198.51.100.7')).status).toBe(200);
    expect((await call(direct, '/api/v1/me', { auth: agent.auth })).status).toBe(200);
  });

  it('refuses a list that would lock out the admin setting it', async () => {
    const res = await call(behindProxy, '/api/v1/org', { method: 'PATCH', auth: owner.auth, from: '198.51.100.7', body: { ip_allowlist: ['203.0.113.0/24'] } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('allowlist_excludes_you');
  });

  it('is set with IPv4 and IPv6 ranges from inside the list', async () => {
    const res = await call(behindProxy, '/api/v1/org', { method: 'PATCH', auth: owner.auth, from: '203.0.113.10', body: { ip_allowlist: ['203.0.113.0/24', '2001:db8::/32'] } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ip_allowlist: string[] }).ip_allowlist).toEqual(['203.0.113.0/24', '2001:db8::/32']);
  });

  it('honours X-Forwarded-For from a trusted proxy: inside the list passes, outside gets 403', async () => {
    expect((await login(behindProxy, agent, '203.0.113.44')).status).toBe(200);
    expect((await login(behindProxy, agent, '2001:db8::5')).status).toBe(200);
    const outside = await login(behindProxy, agent, '198.51.100.7');
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('ip_not_allowed');
    expect((await call(behindProxy, '/api/v1/me', { auth: agent.auth, from: '203.0.113.44' })).status).toBe(200);
    expect((await call(behindProxy, '/api/v1/me', { auth: agent.auth, from: '198.51.100.7' })).status).toBe(403);
    // The client's own address is the rightmost untrusted one; what it claims further left is ignored.
    expect((await call(behindProxy, '/api/v1/me', { auth: agent.auth, from: '203.0.113.44, 198.51.100.7' })).status).toBe(403);
  });

  it('ignores X-Forwarded-For from an untrusted peer: a forged header does not get in', async () => {
    expect((await login(direct, agent, '203.0.113.44')).status).toBe(403);
    expect((await call(direct, '/api/v1/me', { auth: agent.auth, from: '203.0.113.44' })).status).toBe(403);
  });

  it('applies to API keys too', async () => {
    const created = await call(behindProxy, '/api/v1/api-keys', { method: 'POST', auth: owner.auth, from: '203.0.113.10', body: { name: 'ci', permissions: ['org.read'] } });
    const { key } = (await created.json()) as { key: string };
    expect((await call(behindProxy, '/api/v1/org', { auth: `Bearer ${key}`, from: '203.0.113.10' })).status).toBe(200);
    expect((await call(behindProxy, '/api/v1/org', { auth: `Bearer ${key}`, from: '192.0.2.1' })).status).toBe(403);
  });

  it('does not touch other orgs', async () => {
    const other = await t.org('allow-other');
    expect((await call(direct, '/api/v1/me', { auth: other.auth })).status).toBe(200);
  });

  it('refuses entries that are not addresses or ranges with 400', async () => {
    const res = await call(behindProxy, '/api/v1/org', { method: 'PATCH', auth: owner.auth, from: '203.0.113.10', body: { ip_allowlist: ['203.0.113.0/24', 'office'] } });
    expect(res.status).toBe(400);
    const [row] = await t.owner<{ n: number }[]>`select cardinality(ip_allowlist) as n from organizations where id = ${owner.orgId}`;
    expect(row!.n).toBe(2);
  });
});
