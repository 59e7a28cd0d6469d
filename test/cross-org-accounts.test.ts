/**
 * Accounts across organizations (issue 14): an agent of org A who opens a ticket for an address
 * with an account in org B gets a customer known only by what A typed, who cannot sign in to A
 * until they accept an invitation themselves.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryProof } from '#lib/db/entry-proof.ts';
import { TEST_PASSWORD, TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let a: Member;
let agentA: Member;
let b: Member;
let bOwnName: string;
let ticket: number;
let app: postgres.Sql;

const post = (path: string, body: unknown, as?: Member) => t.request(path, { method: 'POST', body, ...(as ? { as } : {}) });
const login = (org: string, email: string, password: string) => post('/api/v1/auth/login', { org, email, password });

beforeAll(async () => {
  b = await t.org('b-org');
  bOwnName = 'Beatrice Boss, CFO';
  await t.owner`update users set name = ${bOwnName} where id = ${b.userId}`;
  a = await t.org('a-org');
  agentA = await t.member(a, 'agent', 'agent@a-org.test');
  const res = await post('/api/v1/tickets', { subject: 'Your invoice', body: 'Hello', requester: { email: b.email, name: 'Bea from the call' } }, agentA);
  expect(res.status).toBe(201);
  ({ number: ticket } = await json<{ number: number }>(res));
  app = postgres(t.db.appUrl, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await app?.end();
});

describe('an address with an account in another org, named as a requester', () => {
  it('creates no login to A: the B password is refused there, and no reset link is sent', async () => {
    const refused = await login('a-org', b.email, TEST_PASSWORD);
    expect(refused.status).toBe(401);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('invalid_credentials');
    expect((await post('/api/v1/auth/password/forgot', { org: 'a-org', email: b.email })).status).toBe(202);
    expect(await t.owner`select 1 from outbox where org_id = ${a.orgId} and kind = 'password_reset'`).toHaveLength(0);
    expect((await login('b-org', b.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('shows A the name A typed and the address, nothing of the account B knows', async () => {
    const read = await json<{ requester: { name: string; email: string } }>(await t.request(`/api/v1/tickets/${ticket}`, { as: agentA }));
    expect(read.requester).toEqual({ id: b.userId, name: 'Bea from the call', email: b.email });
    const member = await json<{ name: string; email: string; role: string; confirmed: boolean }>(await t.request(`/api/v1/users/${b.userId}`, { as: a }));
    expect(member).toMatchObject({ name: 'Bea from the call', email: b.email, role: 'customer', confirmed: false });
    const { users: rows } = await json<{ users: { id: string; name: string }[] }>(await t.request('/api/v1/users', { as: a }));
    expect(rows.find((r) => r.id === b.userId)?.name).toBe('Bea from the call');
    expect(JSON.stringify(rows)).not.toContain(bOwnName);
  });

  it('hides the account row itself from A at the database, as the application role', async () => {
    const rows = await app.begin(async (tx) => {
      await tx`select app.enter(${entryProof(TEST_SECRET)}, false, ${a.orgId}, ${a.userId}, 'owner', null, '')`;
      return tx<{ name: string }[]>`select name from users where id = ${b.userId}`;
    });
    expect(rows).toEqual([]);
  });

  it('lets no function of the caller see, through the people view, a row the view does not show', async () => {
    const c = await t.org('c-org');
    const seen: string[] = [];
    const spy = postgres(t.db.appUrl, { max: 1, onnotice: (n) => seen.push(String(n.message)) });
    try {
      await spy.begin(async (tx) => {
        await tx`select app.enter(${entryProof(TEST_SECRET)}, false, ${a.orgId}, ${a.userId}, 'owner', null, '')`;
        // A cheap function that logs its argument, and a plan that scans every account first.
        await tx.unsafe(`create function pg_temp.peek(t text) returns boolean language plpgsql cost 0.0000001 as $$ begin raise notice '%', t; return true; end $$`);
        await tx.unsafe('set local enable_nestloop = off; set local enable_mergejoin = off; set local enable_indexscan = off; set local enable_bitmapscan = off');
        await tx.unsafe('select id from people where pg_temp.peek(email)');
      });
    } finally {
      await spy.end();
    }
    expect(seen).toContain(b.email);
    expect(seen).not.toContain(c.email);
  });

  it('leaves the account as B knows it: its name, and B sees nothing A typed', async () => {
    const [user] = await t.owner<{ name: string }[]>`select name from users where id = ${b.userId}`;
    expect(user!.name).toBe(bOwnName);
    const own = await json<{ name: string }>(await t.request(`/api/v1/users/${b.userId}`, { as: b }));
    expect(own.name).toBe(bOwnName);
  });

  it('lets the person in once they accept an invitation to A, and A then sees their own profile', async () => {
    expect((await post('/api/v1/invitations', { email: b.email, role: 'customer' }, a)).status).toBe(201);
    const [mail] = await t.owner<{ body_text: string }[]>`
      select body_text from outbox where to_address = ${b.email} and kind = 'invitation' order by created_at desc limit 1`;
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail!.body_text)![1]!);
    const accepted = await post('/api/v1/auth/invitations/accept', { token, password: 'an attempt to overwrite it' });
    expect(accepted.status).toBe(201);
    expect(await json(accepted)).toMatchObject({ status: 'accepted', role: 'customer', org: 'a-org' });
    expect((await login('a-org', b.email, TEST_PASSWORD)).status).toBe(200);
    const member = await json<{ name: string; confirmed: boolean }>(await t.request(`/api/v1/users/${b.userId}`, { as: a }));
    expect(member).toMatchObject({ name: bOwnName, confirmed: true });
    expect((await login('b-org', b.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('still refuses to invite a person who already confirmed', async () => {
    const res = await post('/api/v1/invitations', { email: b.email, role: 'agent' }, a);
    expect(res.status).toBe(409);
  });
});
