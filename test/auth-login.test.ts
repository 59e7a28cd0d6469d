import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '#lib/auth/password.ts';
import { hash as argon2Hash } from '@node-rs/argon2';
import { TEST_PASSWORD, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let owner: Member;

const login = (body: unknown, headers?: Record<string, string>) => t.request('/api/v1/auth/login', { method: 'POST', body, ...(headers ? { headers } : {}) });

beforeAll(async () => {
  owner = await t.org('login-co');
});

describe('POST /api/v1/auth/login', () => {
  it('stores passwords as argon2id with m=19456, t=2, p=1', async () => {
    const [row] = await t.owner<{ password_hash: string }[]>`select password_hash from users where id = ${owner.userId}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('answers a token pair that works on GET /api/v1/me', async () => {
    const res = await login({ org: 'login-co', email: owner.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; refresh_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(body.refresh_token).toMatch(/^atr_[0-9a-f]{32}_[0-9a-f]{64}$/);
    const me = await t.request('/api/v1/me', { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(owner.email);
  });

  it('accepts the email in any case and the org slug in any case', async () => {
    const res = await login({ org: 'LOGIN-CO', email: owner.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('gives the same status and body for an unknown email, an unknown org and a wrong password', async () => {
    const answers = await Promise.all([
      login({ org: 'login-co', email: 'nobody@login-co.test', password: TEST_PASSWORD }),
      login({ org: 'no-such-org', email: owner.email, password: TEST_PASSWORD }),
      login({ org: 'login-co', email: owner.email, password: 'not the password at all' }),
    ]);
    const shapes = await Promise.all(answers.map(async (r) => ({ status: r.status, body: await r.json() })));
    expect(shapes[0]).toEqual({ status: 401, body: { error: { code: 'invalid_credentials', message: 'The organization, email or password is not right' } } });
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
  });

  it('refuses a disabled member with the same answer', async () => {
    const agent = await t.member(owner, 'agent');
    await t.owner`update memberships set disabled_at = now() where user_id = ${agent.userId}`;
    const res = await login({ org: 'login-co', email: agent.email, password: TEST_PASSWORD });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
  });

  it('rehashes a password stored with weaker parameters at the next successful sign-in', async () => {
    const agent = await t.member(owner, 'agent');
    const weak = await argon2Hash(TEST_PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await t.owner`update users set password_hash = ${weak} where id = ${agent.userId}`;
    expect((await login({ org: 'login-co', email: agent.email, password: TEST_PASSWORD })).status).toBe(200);
    const [row] = await t.owner<{ password_hash: string }[]>`select password_hash from users where id = ${agent.userId}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await login({ org: 'login-co', email: agent.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('throttles an account after repeated failures: 429 with Retry-After, even for the right password', async () => {
    const agent = await t.member(owner, 'agent');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login({ org: 'login-co', email: agent.email, password: `wrong guess ${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const right = await login({ org: 'login-co', email: agent.email, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await right.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
    // The delay grows with each further failure.
    await t.deps.kv.del(`throttle:login-account:login-co:${agent.email.toLowerCase()}:lock`);
    await login({ org: 'login-co', email: agent.email, password: 'wrong again' });
    const later = await login({ org: 'login-co', email: agent.email, password: TEST_PASSWORD });
    expect(later.status).toBe(429);
    expect(Number(later.headers.get('retry-after'))).toBeGreaterThan(Number(right.headers.get('retry-after')));
  });

  it('throttles an unknown email the same way, so throttling reveals nothing', async () => {
    for (let i = 0; i < 6; i++) await login({ org: 'login-co', email: 'ghost@login-co.test', password: `guess ${i}` });
    const res = await login({ org: 'login-co', email: 'ghost@login-co.test', password: 'guess' });
    expect(res.status).toBe(429);
  });

  it('records successful and failed sign-ins in the audit log', async () => {
    const rows = await t.owner<{ action: string; details: { reason?: string } }[]>`
      select action, details from audit_log where org_id = ${owner.orgId} and action like 'auth.login%' order by seq`;
    expect(rows.map((r) => r.action)).toContain('auth.login');
    expect(rows.filter((r) => r.action === 'auth.login_failed').map((r) => r.details.reason)).toEqual(expect.arrayContaining(['unknown_email', 'wrong_password', 'member_disabled']));
  });

  it('refuses malformed input with 400, never 500', async () => {
    for (const body of [
      {},
      { org: 'login-co', email: 'not-an-email', password: 'x' },
      { org: 'login-co', email: owner.email, password: 'x'.repeat(2000) },
      { org: 'a\u0000b', email: owner.email, password: 'x' },
    ]) {
      const res = await login(body);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect([400, 401]).toContain(res.status);
    }
  });

  it('uses the current argon2 parameters for new passwords', async () => {
    expect(await hashPassword('another long passphrase')).toMatch(/m=19456,t=2,p=1/);
  });
});
