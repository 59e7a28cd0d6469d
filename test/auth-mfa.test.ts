import { beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '#lib/auth/totp.ts';
import { TEST_PASSWORD, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let owner: Member;
const STEP = 30_000;

const post = (path: string, body: unknown, as?: Member) => t.request(path, { method: 'POST', body, ...(as ? { as } : {}) });
const passwordStep = async (m: Member) =>
  (await post('/api/v1/auth/login', { org: 'mfa-co', email: m.email, password: TEST_PASSWORD })).json() as Promise<{ mfa_required?: boolean; mfa_token?: string; access_token?: string }>;

/** Enrols a member through the API and returns the secret and the step its confirm code spent. */
async function enrol(m: Member): Promise<{ secret: string; recovery: string[] }> {
  const start = await post('/api/v1/me/totp', undefined, m);
  expect(start.status).toBe(201);
  const { secret, otpauth_uri, qr_svg } = (await start.json()) as { secret: string; otpauth_uri: string; qr_svg: string };
  expect(otpauth_uri).toMatch(/^otpauth:\/\/totp\/ATUM%20DESK:/);
  expect(qr_svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
  expect(qr_svg).not.toMatch(/<script/i);
  const confirm = await post('/api/v1/me/totp/confirm', { code: totpCode(secret) }, m);
  expect(confirm.status).toBe(200);
  const { recovery_codes } = (await confirm.json()) as { recovery_codes: string[] };
  return { secret, recovery: recovery_codes };
}

beforeAll(async () => {
  owner = await t.org('mfa-co');
});

describe('TOTP two-factor authentication', () => {
  it('enrols with a QR code and ten recovery codes, stored hashed and the secret sealed', async () => {
    const agent = await t.member(owner, 'agent');
    const { secret, recovery } = await enrol(agent);
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    const [row] = await t.owner<{ secret_sealed: string }[]>`select secret_sealed from user_totp where user_id = ${agent.userId}`;
    expect(row!.secret_sealed).not.toContain(secret);
    const codes = await t.owner<{ code_hash: Buffer }[]>`select code_hash from user_recovery_codes where user_id = ${agent.userId}`;
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(recovery.some((r) => c.code_hash.toString('utf8').includes(r))).toBe(false);
  });

  it('refuses a wrong confirmation code and leaves 2FA off', async () => {
    const agent = await t.member(owner, 'agent');
    await post('/api/v1/me/totp', undefined, agent);
    expect((await post('/api/v1/me/totp/confirm', { code: '000000' }, agent)).status).toBe(400);
    expect(((await passwordStep(agent)) as { access_token?: string }).access_token).toBeDefined();
  });

  it('asks for the second factor after the password, and accepts a code within one step', async () => {
    const agent = await t.member(owner, 'agent');
    const { secret } = await enrol(agent);
    const first = await passwordStep(agent);
    expect(first).toEqual({ mfa_required: true, mfa_token: expect.any(String) });
    // The confirm code's step is spent; the next step's code is within the ±1 window.
    const res = await post('/api/v1/auth/mfa', { mfa_token: first.mfa_token, code: totpCode(secret, Date.now() + STEP) });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const meRes = await t.request('/api/v1/me', { headers: { authorization: `Bearer ${access_token}` } });
    expect(((await meRes.json()) as { mfa_enabled: boolean }).mfa_enabled).toBe(true);
  });

  it('refuses a TOTP code replayed in the same step', async () => {
    const agent = await t.member(owner, 'agent');
    const { secret } = await enrol(agent);
    const code = totpCode(secret, Date.now() + STEP);
    const once = await post('/api/v1/auth/mfa', { mfa_token: (await passwordStep(agent)).mfa_token, code });
    expect(once.status).toBe(200);
    const again = await post('/api/v1/auth/mfa', { mfa_token: (await passwordStep(agent)).mfa_token, code });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('invalid_code');
  });

  // ±2 steps exactly is covered with a fixed clock in test/totp.test.ts; here the margin keeps a
  // step boundary crossed mid-test from moving a code into the window.
  it('refuses codes from outside the ±1 step window', async () => {
    const agent = await t.member(owner, 'agent');
    const { secret } = await enrol(agent);
    for (const offset of [-3 * STEP, 3 * STEP]) {
      expect((await post('/api/v1/auth/mfa', { mfa_token: (await passwordStep(agent)).mfa_token, code: totpCode(secret, Date.now() + offset) })).status).toBe(401);
    }
  });

  it('accepts each recovery code once', async () => {
    const agent = await t.member(owner, 'agent');
    const { recovery } = await enrol(agent);
    const code = recovery[3]!;
    expect((await post('/api/v1/auth/mfa', { mfa_token: (await passwordStep(agent)).mfa_token, code: code.toUpperCase() })).status).toBe(200);
    expect((await post('/api/v1/auth/mfa', { mfa_token: (await passwordStep(agent)).mfa_token, code })).status).toBe(401);
  });

  it('does not let an MFA token be used as an access token, nor twice', async () => {
    const agent = await t.member(owner, 'agent');
    const { recovery } = await enrol(agent);
    const { mfa_token } = await passwordStep(agent);
    expect((await t.request('/api/v1/me', { headers: { authorization: `Bearer ${mfa_token}` } })).status).toBe(401);
    expect((await post('/api/v1/auth/mfa', { mfa_token, code: recovery[0] })).status).toBe(200);
    expect((await post('/api/v1/auth/mfa', { mfa_token, code: recovery[1] })).status).toBe(401);
  });

  it('throttles second-factor attempts per person across sessions: 429 even for the right code', async () => {
    const agent = await t.member(owner, 'agent');
    const { secret } = await enrol(agent);
    for (let i = 0; i < 6; i++) {
      // A fresh password step each time: starting over buys no extra guesses.
      expect((await post('/api/v1/auth/mfa', { mfa_token: (await passwordStep(agent)).mfa_token, code: '123456' })).status).toBe(401);
    }
    const res = await post('/api/v1/auth/mfa', { mfa_token: (await passwordStep(agent)).mfa_token, code: totpCode(secret, Date.now() + STEP) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    const failures = await t.owner`select 1 from audit_log where org_id = ${owner.orgId} and action = 'auth.mfa_failed' and actor_user_id = ${agent.userId}`;
    expect(failures).toHaveLength(6);
  });

  it('turns 2FA off only with a valid code, and records enrolment and removal', async () => {
    const agent = await t.member(owner, 'agent');
    const { secret } = await enrol(agent);
    expect((await t.request('/api/v1/me/totp', { method: 'DELETE', as: agent, body: { code: '000000' } })).status).toBe(400);
    expect((await t.request('/api/v1/me/totp', { method: 'DELETE', as: agent, body: { code: totpCode(secret, Date.now() + STEP) } })).status).toBe(204);
    expect((await passwordStep(agent)).access_token).toBeDefined();
    const actions = await t.owner<{ action: string }[]>`select action from audit_log where org_id = ${owner.orgId} and actor_user_id = ${agent.userId} and action like 'mfa.%' order by seq`;
    expect(actions.map((a) => a.action)).toEqual(['mfa.enable', 'mfa.disable']);
  });
});

describe('an org that requires 2FA', () => {
  it('lets a member without 2FA do nothing but enrol, until they have', async () => {
    const org = await t.org('mfa-required');
    const agent = await t.member(org, 'agent');
    expect((await t.request('/api/v1/org', { method: 'PATCH', as: org, body: { require_2fa: true } })).status).toBe(200);
    const blocked = await t.request('/api/v1/users', { as: agent });
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('mfa_enrollment_required');
    const meRes = await t.request('/api/v1/me', { as: agent });
    expect(((await meRes.json()) as { mfa_setup_required: boolean }).mfa_setup_required).toBe(true);
    const login = await t.request('/api/v1/auth/login', { method: 'POST', body: { org: 'mfa-required', email: agent.email, password: TEST_PASSWORD } });
    expect(((await login.json()) as { mfa_setup_required: boolean }).mfa_setup_required).toBe(true);
    const { secret } = await enrol(agent);
    expect((await t.request('/api/v1/users', { as: agent })).status).toBe(200);
    expect((await t.request('/api/v1/me/totp', { method: 'DELETE', as: agent, body: { code: totpCode(secret, Date.now() + STEP) } })).status).toBe(409);
  });
});
