import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_AUDIENCE } from '#lib/auth/access-token.ts';
import { TEST_PASSWORD, TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let owner: Member;

interface Pair {
  access_token: string;
  refresh_token: string;
}

async function signIn(m: Member): Promise<Pair> {
  const [org] = await t.owner<{ slug: string }[]>`select slug from organizations where id = ${m.orgId}`;
  const res = await t.request('/api/v1/auth/login', { method: 'POST', body: { org: org!.slug, email: m.email, password: TEST_PASSWORD } });
  expect(res.status).toBe(200);
  return (await res.json()) as Pair;
}
const refresh = (token: string) => t.request('/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: token } });
const me = (access: string) => t.request('/api/v1/me', { headers: { authorization: `Bearer ${access}` } });
const bearer = (access: string) => ({ authorization: `Bearer ${access}` });

beforeAll(async () => {
  owner = await t.org('sessions-co');
});

describe('refresh token rotation', () => {
  it('rotates on every use: each refresh answers a new pair', async () => {
    const first = await signIn(owner);
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    const second = (await res.json()) as Pair;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await me(second.access_token)).status).toBe(200);
  });

  it('revokes the whole family when an older token is presented again', async () => {
    const r1 = await signIn(owner);
    const r2 = (await (await refresh(r1.refresh_token)).json()) as Pair;
    const r3 = (await (await refresh(r2.refresh_token)).json()) as Pair;
    const replay = await refresh(r1.refresh_token);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('invalid_refresh_token');
    expect((await refresh(r3.refresh_token)).status).toBe(401);
    expect((await me(r3.access_token)).status).toBe(401);
    const [audit] = await t.owner`select 1 from audit_log where org_id = ${owner.orgId} and action = 'auth.refresh_reuse'`;
    expect(audit).toBeDefined();
  });

  it('lets the immediately previous token through for a moment (two tabs), and both results work', async () => {
    const r1 = await signIn(owner);
    const [a, b] = await Promise.all([refresh(r1.refresh_token), refresh(r1.refresh_token)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const pa = (await a.json()) as Pair;
    const pb = (await b.json()) as Pair;
    expect((await refresh(pa.refresh_token)).status).toBe(200);
    expect((await refresh(pb.refresh_token)).status).toBe(200);
  });

  it('refuses garbage and tokens of another kind', async () => {
    for (const token of ['nope', `atr_${'0'.repeat(32)}_${'0'.repeat(64)}`, 'atk_x_y']) expect((await refresh(token)).status).toBe(401);
  });

  it('ends the session on logout: the access token and the refresh token stop working', async () => {
    const pair = await signIn(owner);
    const out = await t.request('/api/v1/auth/logout', { method: 'POST', headers: bearer(pair.access_token) });
    expect(out.status).toBe(204);
    expect((await me(pair.access_token)).status).toBe(401);
    expect((await refresh(pair.refresh_token)).status).toBe(401);
  });

  it('logs out with only the refresh token too', async () => {
    const pair = await signIn(owner);
    expect((await t.request('/api/v1/auth/logout', { method: 'POST', body: { refresh_token: pair.refresh_token } })).status).toBe(204);
    expect((await me(pair.access_token)).status).toBe(401);
  });

  it('kills every session of a member the moment they are disabled', async () => {
    const agent = await t.member(owner, 'agent');
    const pair = await signIn(agent);
    const res = await t.request(`/api/v1/users/${agent.userId}`, { method: 'PATCH', as: owner, body: { disabled: true } });
    expect(res.status).toBe(200);
    expect((await me(pair.access_token)).status).toBe(401);
    expect((await refresh(pair.refresh_token)).status).toBe(401);
    const [row] = await t.owner<{ revoked_reason: string }[]>`select revoked_reason from sessions where user_id = ${agent.userId}`;
    expect(row!.revoked_reason).toBe('member_disabled');
  });

  it('gives a refreshed access token the current role, not the one at sign-in', async () => {
    const agent = await t.member(owner, 'agent');
    const pair = await signIn(agent);
    await t.request(`/api/v1/users/${agent.userId}`, { method: 'PATCH', as: owner, body: { role: 'lead' } });
    expect((await me(pair.access_token)).status).toBe(401);
    const renewed = (await (await refresh(pair.refresh_token)).json()) as Pair;
    expect(((await (await me(renewed.access_token)).json()) as { role: string }).role).toBe('lead');
  });
});

describe('access tokens', () => {
  const key = new TextEncoder().encode(TEST_SECRET);
  const claims = () => ({ org: owner.orgId, role: 'owner' });
  const build = (header: Record<string, unknown>, opts: { aud?: string; exp?: string | number } = {}) =>
    new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...header })
      .setSubject(owner.userId)
      .setIssuer('http://atum.test')
      .setAudience(opts.aud ?? ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(key);

  it('accepts a well-formed token (the control for the cases below)', async () => {
    expect((await me(await build({}))).status).toBe(200);
  });

  it.each([
    ['expired', () => build({}, { exp: Math.floor(Date.now() / 1000) - 60 })],
    [
      'tampered',
      async () => {
        const tok = await build({});
        return tok.slice(0, -3) + (tok.endsWith('AAA') ? 'BBB' : 'AAA');
      },
    ],
    [
      'alg none',
      async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `${enc({ alg: 'none', typ: 'at+jwt' })}.${enc({ ...claims(), sub: owner.userId, iss: 'http://atum.test', aud: ACCESS_TOKEN_AUDIENCE, iat: now, exp: now + 300 })}.`;
      },
    ],
    ['wrong aud', () => build({}, { aud: 'atum-mfa' })],
    ['wrong typ', () => build({ typ: 'JWT' })],
    [
      'signed with another key',
      () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
          .setSubject(owner.userId)
          .setIssuer('http://atum.test')
          .setAudience(ACCESS_TOKEN_AUDIENCE)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('x'.repeat(48))),
    ],
  ])('refuses a token that is %s with 401', async (_name, make) => {
    const res = await me(await make());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});

describe('session lists', () => {
  it('lets a member list and revoke their own sessions, marking the current one', async () => {
    const agent = await t.member(owner, 'agent');
    const one = await signIn(agent);
    const two = await signIn(agent);
    const list = (await (await t.request('/api/v1/me/sessions', { headers: bearer(two.access_token) })).json()) as { items: { id: string; current: boolean }[] };
    expect(list.items).toHaveLength(2);
    const other = list.items.find((s) => !s.current)!;
    expect(list.items.filter((s) => s.current)).toHaveLength(1);
    expect((await t.request(`/api/v1/me/sessions/${other.id}`, { method: 'DELETE', headers: bearer(two.access_token) })).status).toBe(204);
    expect((await me(one.access_token)).status).toBe(401);
    expect((await me(two.access_token)).status).toBe(200);
  });

  it("does not let a member revoke someone else's session through /me", async () => {
    const a = await t.member(owner, 'agent');
    const b = await t.member(owner, 'agent');
    await signIn(a);
    const bPair = await signIn(b);
    const [aSession] = await t.owner<{ id: string }[]>`select id from sessions where user_id = ${a.userId} and revoked_at is null limit 1`;
    expect((await t.request(`/api/v1/me/sessions/${aSession!.id}`, { method: 'DELETE', headers: bearer(bPair.access_token) })).status).toBe(404);
  });

  it("lets an admin list and revoke any member's session; another org's session is a 404", async () => {
    const agent = await t.member(owner, 'agent');
    const pair = await signIn(agent);
    const list = (await (await t.request(`/api/v1/sessions?user_id=${agent.userId}`, { as: owner })).json()) as { items: { id: string }[] };
    expect(list.items).toHaveLength(1);
    const other = await t.org('sessions-other');
    const otherPair = await signIn(other);
    const [otherSession] = await t.owner<{ id: string }[]>`select id from sessions where org_id = ${other.orgId} limit 1`;
    expect((await t.request(`/api/v1/sessions/${otherSession!.id}`, { method: 'DELETE', as: owner })).status).toBe(404);
    expect((await me(otherPair.access_token)).status).toBe(200);
    expect((await t.request(`/api/v1/sessions/${list.items[0]!.id}`, { method: 'DELETE', as: owner })).status).toBe(204);
    expect((await me(pair.access_token)).status).toBe(401);
  });
});
