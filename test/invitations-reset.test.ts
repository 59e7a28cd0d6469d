import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let owner: Member;
const NEW_PASSWORD = 'a brand new passphrase';

const post = (path: string, body: unknown, as?: Member) => t.request(path, { method: 'POST', body, ...(as ? { as } : {}) });
const login = (org: string, email: string, password: string) => post('/api/v1/auth/login', { org, email, password });
const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

/** The link in the newest outbox message to that address, as the mail worker will send it. */
async function linkTo(address: string, kind: string): Promise<string> {
  const [mail] = await t.owner<{ body_text: string }[]>`
    select body_text from outbox where to_address = ${address} and kind = ${kind} order by created_at desc limit 1`;
  expect(mail, `an outbox message of kind ${kind} to ${address}`).toBeDefined();
  return /token=([^\s]+)/.exec(mail!.body_text)![1]!;
}

beforeAll(async () => {
  owner = await t.org('invite-co');
});

describe('invitations', () => {
  it('emails a single-use link through the outbox, and a new person sets a password with it', async () => {
    const res = await post('/api/v1/invitations', { email: 'newbie@invite-co.test', role: 'agent' }, owner);
    expect(res.status).toBe(201);
    const token = decodeURIComponent(await linkTo('newbie@invite-co.test', 'invitation'));
    const [mail] = await t.owner<{ subject: string; body_text: string }[]>`select subject, body_text from outbox where to_address = 'newbie@invite-co.test'`;
    expect(mail!.subject).toContain('Org invite-co');
    expect(mail!.body_text).toContain('http://atum.test/invite?token=');
    expect(await code(await post('/api/v1/auth/invitations/accept', { token }))).toBe('password_required');
    expect(await code(await post('/api/v1/auth/invitations/accept', { token, password: 'password1' }))).toBe('weak_password');
    const accepted = await post('/api/v1/auth/invitations/accept', { token, name: 'New Bie', password: NEW_PASSWORD });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toEqual({ status: 'accepted', email: 'newbie@invite-co.test', role: 'agent', org: 'invite-co' });
    expect((await login('invite-co', 'newbie@invite-co.test', NEW_PASSWORD)).status).toBe(200);
    expect(await code(await post('/api/v1/auth/invitations/accept', { token, password: NEW_PASSWORD }))).toBe('invalid_token');
  });

  it('adds an existing account from another org without touching its password', async () => {
    const other = await t.org('invite-other');
    expect((await post('/api/v1/invitations', { email: other.email, role: 'lead' }, owner)).status).toBe(201);
    const token = decodeURIComponent(await linkTo(other.email, 'invitation'));
    const res = await post('/api/v1/auth/invitations/accept', { token, password: 'an attempt to overwrite it' });
    expect(res.status).toBe(201);
    expect((await login('invite-co', other.email, TEST_PASSWORD)).status).toBe(200);
    expect((await login('invite-other', other.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('replaces an older pending invitation and can be withdrawn', async () => {
    await post('/api/v1/invitations', { email: 'twice@invite-co.test', role: 'agent' }, owner);
    const first = decodeURIComponent(await linkTo('twice@invite-co.test', 'invitation'));
    const second = await post('/api/v1/invitations', { email: 'twice@invite-co.test', role: 'agent' }, owner);
    expect(await code(await post('/api/v1/auth/invitations/accept', { token: first, password: NEW_PASSWORD }))).toBe('invalid_token');
    const { id } = (await second.json()) as { id: string };
    expect((await t.request(`/api/v1/invitations/${id}`, { method: 'DELETE', as: owner })).status).toBe(204);
    const latest = decodeURIComponent(await linkTo('twice@invite-co.test', 'invitation'));
    expect(await code(await post('/api/v1/auth/invitations/accept', { token: latest, password: NEW_PASSWORD }))).toBe('invalid_token');
  });

  it('refuses to invite a member, lets only owners invite owners, and 404s on another org', async () => {
    const admin = await t.member(owner, 'admin');
    expect((await post('/api/v1/invitations', { email: admin.email, role: 'agent' }, owner)).status).toBe(409);
    expect((await post('/api/v1/invitations', { email: 'boss@invite-co.test', role: 'owner' }, admin)).status).toBe(403);
    const other = await t.org('invite-third');
    const theirs = (await (await post('/api/v1/invitations', { email: 'x@third.test', role: 'agent' }, other)).json()) as { id: string };
    expect((await t.request(`/api/v1/invitations/${theirs.id}`, { method: 'DELETE', as: owner })).status).toBe(404);
  });

  it('expires', async () => {
    await post('/api/v1/invitations', { email: 'late@invite-co.test', role: 'agent' }, owner);
    await t.owner`update invitations set expires_at = now() - interval '1 minute' where email = 'late@invite-co.test'`;
    const token = decodeURIComponent(await linkTo('late@invite-co.test', 'invitation'));
    expect(await code(await post('/api/v1/auth/invitations/accept', { token, password: NEW_PASSWORD }))).toBe('invalid_token');
  });
});

describe('password reset', () => {
  it('answers 202 for every email, and writes mail only for a real member', async () => {
    // Typed in another case: the mail still goes to the address on the account.
    const real = await post('/api/v1/auth/password/forgot', { org: 'invite-co', email: owner.email.toUpperCase() });
    const ghost = await post('/api/v1/auth/password/forgot', { org: 'invite-co', email: 'ghost@invite-co.test' });
    const noOrg = await post('/api/v1/auth/password/forgot', { org: 'no-such-org', email: owner.email });
    expect([real.status, ghost.status, noOrg.status]).toEqual([202, 202, 202]);
    expect(await ghost.json()).toEqual(await real.json());
    const mails = await t.owner`select to_address from outbox where kind = 'password_reset'`;
    expect(mails.map((m) => m.to_address)).toEqual([owner.email]);
  });

  it('sets a new password once, signs the person out everywhere, and the old password stops working', async () => {
    const agent = await t.member(owner, 'agent');
    const session = (await (await login('invite-co', agent.email, TEST_PASSWORD)).json()) as { access_token: string };
    await post('/api/v1/auth/password/forgot', { org: 'invite-co', email: agent.email });
    const token = decodeURIComponent(await linkTo(agent.email, 'password_reset'));
    expect(await code(await post('/api/v1/auth/password/reset', { token, password: 'qwertyuiop' }))).toBe('weak_password');
    expect((await post('/api/v1/auth/password/reset', { token, password: NEW_PASSWORD })).status).toBe(204);
    expect((await t.request('/api/v1/me', { headers: { authorization: `Bearer ${session.access_token}` } })).status).toBe(401);
    expect((await login('invite-co', agent.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login('invite-co', agent.email, NEW_PASSWORD)).status).toBe(200);
    expect(await code(await post('/api/v1/auth/password/reset', { token, password: 'yet another passphrase' }))).toBe('invalid_token');
  });

  it('limits reset requests per account with 429 and Retry-After', async () => {
    const agent = await t.member(owner, 'agent');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post('/api/v1/auth/password/forgot', { org: 'invite-co', email: agent.email })).status);
    expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
    const last = await post('/api/v1/auth/password/forgot', { org: 'invite-co', email: agent.email });
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
