import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
/** Acme, allowed to see Acme's requests. */
let ann: Member;
/** Acme (spelt "acme"), not allowed. */
let bob: Member;
/** Globex, allowed. */
let gil: Member;
/** Acme in another org, allowed. */
let stranger: Member;
const n = { ann: 0, bob: 0, gil: 0, staff: 0, stranger: 0 };
let noteId: string;

async function newTicket(as: Member, subject: string): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject, body: `${subject}: the request` } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ number: number }>(res)).number;
}
async function setCompany(m: Member, company: string | null, sees: boolean) {
  await t.owner`update memberships set company = ${company}, sees_company_tickets = ${sees} where org_id = ${m.orgId} and user_id = ${m.userId}`;
}
const as = <T>(m: Member, fn: Parameters<typeof withTenant<T>>[2]) => withTenant(t.deps.unscoped, { orgId: m.orgId, userId: m.userId, role: m.role }, fn);
const numbers = (m: Member) => as(m, async (tx) => (await tx<{ number: string }[]>`select number::text from tickets order by number`).map((r) => Number(r.number)));
const sqlState = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

beforeAll(async () => {
  owner = await t.org('company-co');
  agent = await t.member(owner, 'agent');
  ann = await t.member(owner, 'customer', 'ann@acme.test');
  bob = await t.member(owner, 'customer', 'bob@acme.test');
  gil = await t.member(owner, 'customer', 'gil@globex.test');
  const other = await t.org('company-other');
  stranger = await t.member(other, 'customer', 'sam@acme.test');
  await setCompany(ann, 'Acme', true);
  await setCompany(bob, 'acme', false);
  await setCompany(gil, 'Globex', true);
  await setCompany(agent, 'Acme', false);
  await setCompany(stranger, 'Acme', true);

  n.ann = await newTicket(ann, 'Ann printer');
  n.bob = await newTicket(bob, 'Bob invoice');
  n.gil = await newTicket(gil, 'Gil login');
  n.staff = await newTicket(agent, 'Agent own laptop');
  n.stranger = await newTicket(stranger, 'Other org Acme');

  // On Bob's ticket: a public reply with a file, and an internal note with a file.
  const replied = await t.request(`/api/v1/tickets/${n.bob}/messages`, { method: 'POST', as: agent, body: { body: 'We are on it' } });
  const { id: replyId } = await json<{ id: string }>(replied);
  const noted = await t.request(`/api/v1/tickets/${n.bob}/messages`, { method: 'POST', as: agent, body: { body: 'INTERNAL: Bob is difficult', internal: true } });
  noteId = (await json<{ id: string }>(noted)).id;
  await t.owner`insert into attachment_blobs (org_id, sha256, size, mime) values (${owner.orgId}, ${'b'.repeat(64)}, 1, 'text/plain')`;
  await t.owner`
    insert into attachments (org_id, ticket_number, message_id, sha256, filename, size, mime) values
      (${owner.orgId}, ${n.bob}, ${replyId}, ${'b'.repeat(64)}, 'public.txt', 1, 'text/plain'),
      (${owner.orgId}, ${n.bob}, ${noteId}, ${'b'.repeat(64)}, 'note.txt', 1, 'text/plain')`;
});

describe('company sharing in SQL, as the application role', () => {
  it("shows a customer with sharing their company's tickets (any case of its name), and nobody else's", async () => {
    expect(await numbers(ann)).toEqual([n.ann, n.bob]);
    // Bob is at Acme too, but may not see Ann's; Gil's company has no one else; the staff member
    // who carries "Acme" (for SLA conditions) shares nothing; another org's Acme is another org.
    expect(await numbers(bob)).toEqual([n.bob]);
    expect(await numbers(gil)).toEqual([n.gil]);
    expect(await numbers(stranger)).toEqual([n.stranger]);
    expect(await numbers(agent)).toEqual([n.ann, n.bob, n.gil, n.staff]);
  });

  it("shows a colleague's public messages and their files, never an internal note or its file", async () => {
    const seen = await as(ann, async (tx) => ({
      bodies: (await tx<{ body_text: string }[]>`select body_text from messages where ticket_number = ${n.bob} order by created_at`).map((r) => r.body_text),
      notes: await tx`select id from messages where internal or id = ${noteId}`,
      files: (await tx<{ filename: string }[]>`select filename from attachments order by filename`).map((r) => r.filename),
    }));
    expect(seen).toEqual({ bodies: ['Bob invoice: the request', 'We are on it'], notes: [], files: ['public.txt'] });
    const bobSees = await as(bob, (tx) => tx<{ filename: string }[]>`select filename from attachments`);
    expect(bobSees.map((r) => r.filename)).toEqual(['public.txt']);
    const gilSees = await as(gil, (tx) => tx`select 1 from messages where ticket_number = ${n.bob}`);
    expect(gilSees).toEqual([]);
  });

  it("refuses every write on a colleague's ticket: a message, a file, an update, a lock, a ticket in their name", async () => {
    const insertMessage = (number: number) => as(ann, (tx) => tx`insert into messages (org_id, ticket_number, author_id, body_text) values (${owner.orgId}, ${number}, ${ann.userId}, 'from Ann')`);
    expect(await sqlState(insertMessage(n.bob))).toBe('42501');
    expect(await sqlState(insertMessage(n.ann))).toBe('ok');
    expect(
      await sqlState(
        as(
          ann,
          (tx) =>
            tx`insert into attachments (org_id, ticket_number, sha256, filename, size, mime, uploaded_by) values (${owner.orgId}, ${n.bob}, ${'b'.repeat(64)}, 'x.txt', 1, 'text/plain', ${ann.userId})`,
        ),
      ),
    ).toBe('42501');
    expect((await as(ann, (tx) => tx`update tickets set subject = 'Ann was here' where number = ${n.bob}`)).count).toBe(0);
    expect(await as(ann, (tx) => tx`select number from tickets where number = ${n.bob} for update`)).toEqual([]);
    expect(
      await sqlState(as(ann, (tx) => tx`insert into tickets (org_id, number, subject, requester_id) values (${owner.orgId}, app.next_ticket_number(${owner.orgId}), 'In Bob''s name', ${bob.userId})`)),
    ).toBe('42501');
    const [bobTicket] = await t.owner`select subject from tickets where org_id = ${owner.orgId} and number = ${n.bob}`;
    expect(bobTicket!.subject).toBe('Bob invoice');
    expect(await t.owner`select 1 from messages where org_id = ${owner.orgId} and ticket_number = ${n.bob} and body_text = 'from Ann'`).toEqual([]);
  });

  it('follows the membership: no sharing without the flag or without a company', async () => {
    await setCompany(ann, 'Acme', false);
    expect(await numbers(ann)).toEqual([n.ann]);
    await setCompany(ann, null, true);
    expect(await numbers(ann)).toEqual([n.ann]);
    await setCompany(ann, 'Acme', true);
    expect(await numbers(ann)).toEqual([n.ann, n.bob]);
  });

  it('looks the company up once per statement, not once per row', async () => {
    const plan = await as(ann, (tx) => tx.unsafe('explain select number from tickets'));
    const text = plan.map((r) => String(r['QUERY PLAN'])).join('\n');
    expect(text).toMatch(/InitPlan/);
  });
});

describe('company sharing through the API', () => {
  it("lists and opens a colleague's ticket, with public messages and files only", async () => {
    const list = await json<{ items: { number: number; requester: { email: string } }[] }>(await t.request('/api/v1/tickets', { as: ann }));
    expect(list.items.map((x) => x.number).sort()).toEqual([n.ann, n.bob].sort());
    expect((await t.request(`/api/v1/tickets/${n.bob}`, { as: ann })).status).toBe(200);
    expect((await t.request(`/api/v1/tickets/${n.gil}`, { as: ann })).status).toBe(404);
    expect((await t.request(`/api/v1/tickets/${n.ann}`, { as: bob })).status).toBe(404);
    const messages = await json<{ items: { body: string; internal: boolean }[] }>(await t.request(`/api/v1/tickets/${n.bob}/messages`, { as: ann }));
    expect(messages.items.map((m) => m.body)).toEqual(['Bob invoice: the request', 'We are on it']);
    const files = await json<{ items: { filename: string }[] }>(await t.request(`/api/v1/tickets/${n.bob}/attachments`, { as: ann }));
    expect(files.items.map((f) => f.filename)).toEqual(['public.txt']);
    const search = await json<{ items: unknown[] }>(await t.request('/api/v1/tickets?q=difficult', { as: ann }));
    expect(search.items).toEqual([]);
  });

  it("answers a reply or an upload on a colleague's ticket with a 403 that says why, and keeps nothing", async () => {
    const reply = await t.request(`/api/v1/tickets/${n.bob}/messages`, { method: 'POST', as: ann, body: { body: 'Me too!' } });
    expect(reply.status).toBe(403);
    expect(await reply.json()).toEqual({ error: { code: 'forbidden', message: `Request #${n.bob} was made by a colleague: only they and the support team can reply to it` } });
    const form = new FormData();
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    const upload = await t.app.request(`/api/v1/tickets/${n.bob}/attachments`, { method: 'POST', body: form, headers: { authorization: ann.auth } });
    expect(upload.status).toBe(403);
    expect(await t.owner`select 1 from messages where org_id = ${owner.orgId} and body_text = 'Me too!'`).toEqual([]);
    expect(await t.owner`select 1 from attachments where org_id = ${owner.orgId} and filename = 'hello.txt'`).toEqual([]);
    // Their own ticket still takes both.
    expect((await t.request(`/api/v1/tickets/${n.ann}/messages`, { method: 'POST', as: ann, body: { body: 'Still broken' } })).status).toBe(201);
  });
});
