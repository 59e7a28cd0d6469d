import { beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '#lib/auth/access-token.ts';
import { useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let a: Member;
let b: Member;
let bAgent: Member;

beforeAll(async () => {
  a = await t.org('users-a');
  b = await t.org('users-b');
  bAgent = await t.member(b, 'agent');
});

describe('members and the organization, across tenants', () => {
  it('GET /api/v1/me describes the caller in their org', async () => {
    const res = await t.request('/api/v1/me', { as: a });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: a.userId, email: a.email, role: 'owner', org: { id: a.orgId, slug: 'users-a' } });
  });

  it("GET /api/v1/users/:id gives 404 for another org's user, 200 for one's own", async () => {
    const other = await t.request(`/api/v1/users/${bAgent.userId}`, { as: a });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: { code: 'not_found', message: `No user ${bAgent.userId} in this organization` } });
    const own = await t.request(`/api/v1/users/${bAgent.userId}`, { as: b });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ email: bAgent.email, role: 'agent' });
  });

  it('GET /api/v1/users lists only the caller org', async () => {
    const res = await t.request('/api/v1/users', { as: a });
    const { users } = (await res.json()) as { users: { email: string }[] };
    expect(users.map((u) => u.email)).toEqual([a.email]);
  });

  it('refuses a signed token whose membership does not exist or has changed', async () => {
    const crossed = `Bearer ${await signAccessToken(t.deps.tokenKeys, { userId: bAgent.userId, orgId: a.orgId, role: 'owner' })}`;
    expect((await t.request('/api/v1/me', { headers: { authorization: crossed } })).status).toBe(401);
    expect((await t.request(`/api/v1/users/${a.userId}`, { headers: { authorization: crossed } })).status).toBe(401);
    const demoted = await t.member(b, 'admin');
    await t.owner`update memberships set role = 'agent' where user_id = ${demoted.userId}`;
    expect((await t.request('/api/v1/org', { method: 'PATCH', as: demoted, body: { name: 'x' } })).status).toBe(401);
    const disabled = await t.member(b, 'agent');
    await t.owner`update memberships set disabled_at = now() where user_id = ${disabled.userId}`;
    expect((await t.request('/api/v1/me', { as: disabled })).status).toBe(401);
  });

  it("PATCH /api/v1/org changes only the caller's org", async () => {
    const res = await t.request('/api/v1/org', { method: 'PATCH', as: a, body: { name: 'Alpha Support', settings: { language: 'english' } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: a.orgId, name: 'Alpha Support', settings: { language: 'english' } });
    const [bRow] = await t.owner`select name from organizations where id = ${b.orgId}`;
    expect(bRow!.name).toBe('Org users-b');
  });

  it('PATCH /api/v1/org refuses a time zone that is not an IANA name, and keeps the one it had', async () => {
    const set = await t.request('/api/v1/org', { method: 'PATCH', as: a, body: { settings: { time_zone: 'Europe/Berlin' } } });
    expect(set.status).toBe(200);
    for (const bad of ['Mars/Olympus', 'CEST', 42, '../etc/passwd']) {
      const res = await t.request('/api/v1/org', { method: 'PATCH', as: a, body: { settings: { time_zone: bad } } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'validation_failed', message: expect.stringContaining('IANA time zone') } });
    }
    const [row] = await t.owner<{ zone: string }[]>`select settings ->> 'time_zone' as zone from organizations where id = ${a.orgId}`;
    expect(row!.zone).toBe('Europe/Berlin');
  });

  it('a customer may read the org but not its members', async () => {
    const customer = await t.member(a, 'customer');
    expect((await t.request('/api/v1/org', { as: customer })).status).toBe(200);
    expect((await t.request('/api/v1/users', { as: customer })).status).toBe(403);
  });
});
