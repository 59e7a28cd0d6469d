import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let customer: Member;
let other: Member;

interface Ticket {
  number: number;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  requester: { id: string; email: string };
  assignee_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  first_response_at: string | null;
  follow_up_of: number | null;
}
interface Message {
  id: string;
  internal: boolean;
  body: string;
  body_html: string;
  follow_up: number | null;
}

const create = (as: Member, body: Record<string, unknown>, headers?: Record<string, string>) => t.request('/api/v1/tickets', { method: 'POST', as, body, ...(headers ? { headers } : {}) });
const newTicket = async (as: Member, body: Record<string, unknown> = {}) => {
  const res = await create(as, { subject: 'Printer on fire', body: 'It is on fire.', ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<Ticket>(res);
};
const reply = (as: Member, n: number, body: Record<string, unknown>) => t.request(`/api/v1/tickets/${n}/messages`, { method: 'POST', as, body });
const patch = (as: Member, n: number, body: Record<string, unknown>) => t.request(`/api/v1/tickets/${n}`, { method: 'PATCH', as, body });
const code = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code;

beforeAll(async () => {
  owner = await t.org('tickets-co');
  agent = await t.member(owner, 'agent');
  customer = await t.member(owner, 'customer');
  other = await t.org('tickets-other');
});

describe('tickets', () => {
  it('numbers tickets per org from 1, and answers 201 with the number', async () => {
    const first = await newTicket(owner);
    const second = await newTicket(agent, { subject: 'Second' });
    const elsewhere = await newTicket(other);
    expect(first.number).toBe(1);
    expect(second.number).toBe(2);
    expect(elsewhere.number).toBe(1);
    expect(first).toMatchObject({ status: 'new', priority: 'normal', channel: 'api', requester: { email: owner.email } });
  });

  it('creates the requester of an API ticket from an email address, as a customer of the org', async () => {
    const ticket = await newTicket(agent, { requester: { email: 'Walk.In@Example.test', name: 'Walk In' }, priority: 'high' });
    expect(ticket.requester.email).toBe('Walk.In@Example.test');
    const [m] = await t.owner<{ role: string }[]>`select m.role from memberships m join users u on u.id = m.user_id where u.email = 'Walk.In@Example.test' and m.org_id = ${owner.orgId}`;
    expect(m!.role).toBe('customer');
    const again = await newTicket(agent, { requester: { email: 'walk.in@example.test' } });
    expect(again.requester.id).toBe(ticket.requester.id);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = await t.owner`select count(*)::int as n from tickets where org_id = ${owner.orgId}`;
    for (const body of [
      { subject: '', body: 'x' },
      { subject: 'x' },
      { subject: 'x', body: 'y', priority: 'asap' },
      { subject: 'x', body: 'y', extra: 1 },
      { subject: 'x', body: 'y', tags: ['no spaces allowed'] },
    ]) {
      const res = await create(owner, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const after = await t.owner`select count(*)::int as n from tickets where org_id = ${owner.orgId}`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('gives another org a 404 for every ticket endpoint, even for a number that exists there', async () => {
    const mine = await newTicket(owner);
    for (const [method, path, body] of [
      ['GET', `/api/v1/tickets/${mine.number}`, undefined],
      ['PATCH', `/api/v1/tickets/${mine.number}`, { priority: 'low' }],
      ['GET', `/api/v1/tickets/${mine.number}/messages`, undefined],
      ['POST', `/api/v1/tickets/${mine.number}/messages`, { body: 'hi' }],
    ] as const) {
      const res = await t.request(path, { method, as: other, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await json<{ items: Ticket[] }>(await t.request('/api/v1/tickets', { as: other }));
    expect(list.items.every((x) => x.requester.email !== owner.email)).toBe(true);
  });
});

describe('search', () => {
  it("finds words of subjects and messages in the caller's org only, newest first, paged by cursor", async () => {
    const org = await t.org('search-co');
    const made = [];
    for (const subject of ['Printers jammed', 'Scanner offline', 'Toner low']) made.push(await newTicket(org, { subject, body: `${subject}: the printer room again.` }));
    await newTicket(org, { subject: 'Unrelated', body: 'All good here.' });
    await newTicket(other, { subject: 'Printer elsewhere', body: 'printer' });
    const first = await json<{ items: Ticket[]; next_cursor: string | null }>(await t.request('/api/v1/tickets?q=printer&limit=2', { as: org }));
    expect(first.items.map((x) => x.number)).toEqual([made[2]!.number, made[1]!.number]);
    expect(first.items[0]!.requester.email).toBe(org.email);
    const second = await json<{ items: Ticket[]; next_cursor: string | null }>(await t.request(`/api/v1/tickets?q=printer&limit=2&cursor=${first.next_cursor}`, { as: org }));
    expect(second.items.map((x) => x.number)).toEqual([made[0]!.number]);
    expect(second.next_cursor).toBeNull();
  });

  it("parses the words in the org's own search language", async () => {
    const org = await t.org('search-simple');
    await t.owner`update organizations set search_language = 'simple' where id = ${org.orgId}`;
    const ticket = await newTicket(org, { subject: 'Printers', body: 'Printers everywhere.' });
    const exact = await json<{ items: Ticket[] }>(await t.request('/api/v1/tickets?q=printers', { as: org }));
    expect(exact.items.map((x) => x.number)).toEqual([ticket.number]);
    // 'simple' does not stem: the singular is another word there (in 'english' it would match).
    const stem = await json<{ items: Ticket[] }>(await t.request('/api/v1/tickets?q=printer', { as: org }));
    expect(stem.items).toEqual([]);
  });
});

describe('ticket numbers', () => {
  const lastNumber = async (orgId: string) => (await t.owner<{ n: string }[]>`select last_number::text as n from ticket_counters where org_id = ${orgId}`)[0]?.n ?? '0';

  it('are taken before the create: a create that fails leaves a gap, and no number is used twice', async () => {
    const org = await t.org('numbers-gap');
    expect((await newTicket(org)).number).toBe(1);
    const refused = await create(org, { subject: 'x', body: 'y', assignee_id: '00000000-0000-4000-8000-000000000000' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect((await newTicket(org)).number).toBe(3);
    const [{ n }] = (await t.owner`select count(*)::int as n from tickets where org_id = ${org.orgId}`) as unknown as [{ n: number }];
    expect(n).toBe(2);
  });

  it('are distinct and gap-free under concurrent creates in one org', async () => {
    const org = await t.org('numbers-race');
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => newTicket(org, { subject: `Race ${i}` })));
    expect(made.map((x) => x.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('are not taken for a caller who is refused: a disabled member, a made-up API key', async () => {
    const org = await t.org('numbers-refused');
    const gone = await t.member(org, 'agent');
    await newTicket(org);
    await t.owner`update memberships set disabled_at = now() where org_id = ${org.orgId} and user_id = ${gone.userId}`;
    expect((await create(gone, { subject: 'x', body: 'y' })).status).toBe(401);
    const forged = `atk_${org.orgId.replace(/-/g, '')}_${'0'.repeat(64)}`;
    const res = await t.request('/api/v1/tickets', { method: 'POST', headers: { authorization: `Bearer ${forged}` }, body: { subject: 'x', body: 'y', requester: { email: 'a@example.test' } } });
    expect(res.status).toBe(401);
    expect(await lastNumber(org.orgId)).toBe('1');
  });
});

describe('customers', () => {
  it('see only their own tickets and never an internal note, through the API and in SQL', async () => {
    const theirs = await newTicket(customer, { subject: 'My laptop' });
    expect(theirs.channel).toBe('api');
    const notTheirs = await newTicket(agent, { subject: 'Staff only' });
    expect((await reply(agent, theirs.number, { body: 'secret: the customer is difficult', internal: true })).status).toBe(201);
    expect((await reply(agent, theirs.number, { body: 'We are on it' })).status).toBe(201);

    expect((await t.request(`/api/v1/tickets/${notTheirs.number}`, { as: customer })).status).toBe(404);
    const list = await json<{ items: Ticket[] }>(await t.request('/api/v1/tickets', { as: customer }));
    expect(list.items.map((x) => x.number)).toEqual([theirs.number]);
    const messages = await json<{ items: Message[] }>(await t.request(`/api/v1/tickets/${theirs.number}/messages`, { as: customer }));
    expect(messages.items.map((m) => m.body)).toEqual(['It is on fire.', 'We are on it']);
    const search = await json<{ items: Ticket[] }>(await t.request('/api/v1/tickets?q=difficult', { as: customer }));
    expect(search.items).toEqual([]);

    const sql = await withTenant(t.deps.unscoped, { orgId: customer.orgId, userId: customer.userId, role: 'customer' }, async (tx) => ({
      tickets: await tx`select number from tickets`,
      notes: await tx`select body_text from messages where internal`,
      all: await tx`select count(*)::int as n from messages`,
    }));
    expect(sql.tickets.map((r) => Number(r.number))).toEqual([theirs.number]);
    expect(sql.notes).toEqual([]);
    expect(sql.all[0]!.n).toBe(2);
  });

  it("cannot write an internal note, touch someone else's ticket, or see a note's file in SQL either", async () => {
    const theirs = await newTicket(customer, { subject: 'Mine in SQL' });
    const notTheirs = await newTicket(agent, { subject: 'Not mine in SQL' });
    const [note] = await t.owner<{ id: string }[]>`
      insert into messages (org_id, ticket_number, author_id, internal, body_text) values (${owner.orgId}, ${theirs.number}, ${agent.userId}, true, 'staff eyes only') returning id`;
    await t.owner`insert into attachment_blobs (org_id, sha256, size, mime) values (${owner.orgId}, ${'a'.repeat(64)}, 1, 'text/plain') on conflict do nothing`;
    await t.owner`insert into attachments (org_id, ticket_number, message_id, sha256, filename, size, mime) values (${owner.orgId}, ${theirs.number}, ${note!.id}, ${'a'.repeat(64)}, 'internal.txt', 1, 'text/plain')`;
    const asCustomer = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(t.deps.unscoped, { orgId: customer.orgId, userId: customer.userId, role: 'customer' }, fn);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(
      await code(asCustomer((tx) => tx`insert into messages (org_id, ticket_number, author_id, internal, body_text) values (${owner.orgId}, ${theirs.number}, ${customer.userId}, true, 'sneaky')`)),
    ).toBe('42501');
    expect(await code(asCustomer((tx) => tx`insert into messages (org_id, ticket_number, author_id, body_text) values (${owner.orgId}, ${notTheirs.number}, ${customer.userId}, 'on yours')`))).toBe(
      '42501',
    );
    expect((await asCustomer((tx) => tx`update tickets set subject = 'mine now' where number = ${notTheirs.number}`)).count).toBe(0);
    expect(await code(asCustomer((tx) => tx`update tickets set requester_id = ${agent.userId} where number = ${theirs.number}`))).toBe('42501');
    expect(await asCustomer((tx) => tx`select filename from attachments`)).toEqual([]);
    expect((await json<{ items: unknown[] }>(await t.request(`/api/v1/tickets/${theirs.number}/attachments`, { as: customer }))).items).toEqual([]);
    const [staff] = await withTenant(
      t.deps.unscoped,
      { orgId: agent.orgId, userId: agent.userId, role: 'agent' },
      (tx) => tx`select count(*)::int as n from attachments where ticket_number = ${theirs.number}`,
    );
    expect(staff!.n).toBe(1);
  });

  it('cannot write internal notes, set staff fields, or update tickets through the API', async () => {
    const theirs = await newTicket(customer);
    expect((await reply(customer, theirs.number, { body: 'note?', internal: true })).status).toBe(403);
    expect((await create(customer, { subject: 'x', body: 'y', assignee_id: agent.userId })).status).toBe(403);
    expect((await patch(customer, theirs.number, { priority: 'urgent' })).status).toBe(403);
  });

  it('reopen a pending ticket by replying', async () => {
    const theirs = await newTicket(customer);
    expect((await patch(agent, theirs.number, { status: 'pending' })).status).toBe(200);
    expect((await reply(customer, theirs.number, { body: 'Still broken' })).status).toBe(201);
    const now = await json<Ticket>(await t.request(`/api/v1/tickets/${theirs.number}`, { as: agent }));
    expect(now.status).toBe('open');
  });
});

describe('the lifecycle', () => {
  it('sets first response on the first public staff reply only, and opens a new ticket', async () => {
    const ticket = await newTicket(customer);
    await reply(agent, ticket.number, { body: 'internal first', internal: true });
    let now = await json<Ticket>(await t.request(`/api/v1/tickets/${ticket.number}`, { as: agent }));
    expect(now.first_response_at).toBeNull();
    await reply(agent, ticket.number, { body: 'Hello!' });
    now = await json<Ticket>(await t.request(`/api/v1/tickets/${ticket.number}`, { as: agent }));
    expect(now.first_response_at).not.toBeNull();
    expect(now.status).toBe('open');
  });

  it('enforces transitions: closed is final (422), solved may reopen', async () => {
    const ticket = await newTicket(agent);
    expect((await patch(agent, ticket.number, { status: 'solved' })).status).toBe(200);
    expect((await patch(agent, ticket.number, { status: 'open' })).status).toBe(200);
    expect((await patch(agent, ticket.number, { status: 'closed' })).status).toBe(200);
    const res = await patch(agent, ticket.number, { status: 'open' });
    expect(res.status).toBe(422);
    expect(await code(res)).toBe('ticket_closed');
    const [row] = await t.owner<{ status: string; closed_at: Date | null }[]>`select status, closed_at from tickets where org_id = ${owner.orgId} and number = ${ticket.number}`;
    expect(row).toMatchObject({ status: 'closed', closed_at: expect.any(Date) });
  });

  it('refuses a transition the rules table does not list, from the database itself', async () => {
    const ticket = await newTicket(agent);
    await patch(agent, ticket.number, { status: 'solved' });
    const res = await patch(agent, ticket.number, { status: 'pending' });
    expect(res.status).toBe(422);
    expect(await code(res)).toBe('invalid_transition');
  });

  it('turns a reply to a closed ticket into a follow-up ticket linked to it', async () => {
    const ticket = await newTicket(customer);
    await patch(agent, ticket.number, { status: 'closed' });
    const res = await reply(customer, ticket.number, { body: 'It broke again' });
    expect(res.status).toBe(201);
    const message = await json<Message>(res);
    expect(message.follow_up).toBeGreaterThan(ticket.number);
    const followUp = await json<Ticket>(await t.request(`/api/v1/tickets/${message.follow_up}`, { as: customer }));
    expect(followUp).toMatchObject({ follow_up_of: ticket.number, status: 'new', subject: 'Re: Printer on fire', requester: { id: customer.userId } });
  });

  it('records each ticket change in the audit log, which is its history', async () => {
    const ticket = await newTicket(agent);
    await patch(agent, ticket.number, { priority: 'urgent', tags: ['vip'] });
    const rows = await t.owner<{ action: string; details: { changes?: Record<string, unknown> }; actor_user_id: string }[]>`
      select action, details, actor_user_id from audit_log where org_id = ${owner.orgId} and target_type = 'ticket' and target_id = ${String(ticket.number)} order by seq`;
    expect(rows.map((r) => r.action)).toEqual(['ticket.create', 'ticket.update']);
    expect(rows[1]!.details.changes).toEqual({ priority: ['normal', 'urgent'], tags: [[], ['vip']] });
    expect(rows[1]!.actor_user_id).toBe(agent.userId);
  });
});

describe('idempotency', () => {
  it('answers a retried create with the first result and creates nothing new', async () => {
    const body = { subject: 'Retry me', body: 'once' };
    const first = await create(agent, body, { 'idempotency-key': 'retry-1' });
    const second = await create(agent, body, { 'idempotency-key': 'retry-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const a = await json<Ticket>(first);
    expect(await json<Ticket>(second)).toEqual(a);
    const rows = await t.owner`select number from tickets where org_id = ${owner.orgId} and subject = 'Retry me'`;
    expect(rows).toHaveLength(1);
    const reused = await create(agent, { ...body, subject: 'Something else' }, { 'idempotency-key': 'retry-1' });
    expect(reused.status).toBe(422);
  });

  it('creates once under concurrent retries', async () => {
    const body = { subject: 'Concurrent', body: 'x' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => create(agent, body, { 'idempotency-key': 'race-1' })));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const numbers = new Set(await Promise.all(answers.map(async (r) => (await json<Ticket>(r)).number)));
    expect(numbers.size).toBe(1);
  });
});
