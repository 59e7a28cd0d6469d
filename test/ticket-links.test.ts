import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let agent2: Member;
let customer: Member;
let other: Member;

interface Ticket {
  number: number;
  status: string;
  merged_into: number | null;
}
interface Link {
  number: number;
  subject: string;
  status: string;
  created_by: string | null;
}
interface Message {
  ticket_number: number;
  internal: boolean;
  body: string;
  author_id: string | null;
}

const code = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code;
const newTicket = async (as: Member, body: Record<string, unknown> = {}) => {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject: 'Linked', body: 'x', ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<Ticket>(res)).number;
};
const link = (as: Member, from: number, to: number) => t.request(`/api/v1/tickets/${from}/links`, { method: 'POST', as, body: { number: to } });
const links = async (as: Member, n: number) => (await json<{ items: Link[] }>(await t.request(`/api/v1/tickets/${n}/links`, { as }))).items;
const merge = (as: Member, from: number, into: number) => t.request(`/api/v1/tickets/${from}/merge`, { method: 'POST', as, body: { into } });
const messages = async (n: number) => (await json<{ items: Message[] }>(await t.request(`/api/v1/tickets/${n}/messages`, { as: owner }))).items;

beforeAll(async () => {
  owner = await t.org('links-co');
  agent = await t.member(owner, 'agent');
  agent2 = await t.member(owner, 'agent');
  customer = await t.member(owner, 'customer');
  other = await t.org('links-other');
});

describe('ticket links', () => {
  it('link two tickets both ways, stored once with a < b, listed from either side', async () => {
    const a = await newTicket(agent, { subject: 'First' });
    const b = await newTicket(agent, { subject: 'Second' });
    const res = await link(agent, b, a);
    expect(res.status).toBe(201);
    expect(await json<Link>(res)).toMatchObject({ number: a, subject: 'First', status: 'new', created_by: agent.userId });
    const [row] = await t.owner`select a, b from ticket_links where org_id = ${owner.orgId}`;
    expect(row).toEqual({ a: BigInt(a), b: BigInt(b) });
    expect((await links(agent, a)).map((l) => l.number)).toEqual([b]);
    expect((await links(agent, b)).map((l) => l.number)).toEqual([a]);

    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const dup = await link(agent, from, to);
      expect(dup.status).toBe(409);
      expect(await code(dup)).toBe('link_exists');
    }
    const self = await link(agent, a, a);
    expect(self.status).toBe(422);
    expect(await code(self)).toBe('self_link');
    expect((await link(agent, a, 999999)).status).toBe(404);
    expect((await link(customer, a, b)).status).toBe(403);
  });

  it('unlink with DELETE (204), from either side; unlinked is 404', async () => {
    const a = await newTicket(agent);
    const b = await newTicket(agent);
    const c = await newTicket(agent);
    await link(agent, a, b);
    await link(agent, a, c);
    expect((await t.request(`/api/v1/tickets/${b}/links/${a}`, { method: 'DELETE', as: agent })).status).toBe(204);
    expect((await links(agent, a)).map((l) => l.number)).toEqual([c]);
    expect((await t.request(`/api/v1/tickets/${a}/links/${b}`, { method: 'DELETE', as: agent })).status).toBe(404);
  });

  it('gives another org a 404 for every link endpoint', async () => {
    const a = await newTicket(owner);
    const b = await newTicket(owner);
    await link(owner, a, b);
    const theirs = await newTicket(other);
    for (const [method, path, body] of [
      ['GET', `/api/v1/tickets/${a}/links`, undefined],
      ['POST', `/api/v1/tickets/${a}/links`, { number: theirs }],
      ['DELETE', `/api/v1/tickets/${a}/links/${b}`, undefined],
    ] as const) {
      const res = await t.request(path, { method, as: other, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await links(owner, a)).map((l) => l.number)).toEqual([b]);
  });
});

describe('merging', () => {
  it('moves messages, files and followers to the target, closes the source, and notes both', async () => {
    const from = await newTicket(customer, { subject: 'Printer again', body: 'The xylophonic printer broke' });
    const into = await newTicket(customer, { subject: 'Printer', body: 'Printer broken' });
    await t.request(`/api/v1/tickets/${from}/messages`, { method: 'POST', as: agent, body: { body: 'Looking' } });
    await t.request(`/api/v1/tickets/${from}/followers`, { method: 'POST', as: agent2, body: {} });
    const file = new FormData();
    file.append('file', new Blob(['log line'], { type: 'text/plain' }), 'log.txt');
    const upload = await t.app.request(`/api/v1/tickets/${from}/attachments`, { method: 'POST', headers: { authorization: agent.auth }, body: file });
    expect(upload.status).toBe(201);

    const res = await merge(agent, from, into);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await json<Ticket>(res)).toMatchObject({ number: into, merged_into: null });
    const source = await json<Ticket>(await t.request(`/api/v1/tickets/${from}`, { as: agent }));
    expect(source).toMatchObject({ status: 'closed', merged_into: into });

    const target = await messages(into);
    expect(target.map((m) => m.body)).toEqual(expect.arrayContaining(['The xylophonic printer broke', 'Looking', 'Printer broken']));
    expect(target.at(-1)).toMatchObject({ internal: true, body: `Merged ticket #${from} into this ticket`, author_id: agent.userId });
    expect(await messages(from)).toMatchObject([{ internal: true, body: `Merged into #${into}`, author_id: agent.userId }]);
    // The customer sees the whole conversation on the target, and no internal note.
    const theirs = await json<{ items: Message[] }>(await t.request(`/api/v1/tickets/${into}/messages`, { as: customer }));
    expect(theirs.items.map((m) => m.body)).toEqual(expect.arrayContaining(['The xylophonic printer broke', 'Looking']));
    expect(theirs.items.every((m) => !m.internal)).toBe(true);

    const [files] = await t.owner<{ n: number }[]>`select count(*)::int as n from attachments where org_id = ${owner.orgId} and ticket_number = ${into}`;
    expect(files!.n).toBe(1);
    const followers = await json<{ items: { user_id: string }[] }>(await t.request(`/api/v1/tickets/${into}/followers`, { as: agent }));
    expect(followers.items.map((f) => f.user_id)).toEqual([agent2.userId]);
    const found = await json<{ items: Ticket[] }>(await t.request('/api/v1/tickets?q=xylophonic&status=unsolved', { as: agent }));
    expect(found.items.map((x) => x.number)).toEqual([into]);
  });

  it('refuses itself, closed and merged tickets (422), and unknown ones (404), changing nothing', async () => {
    const a = await newTicket(agent);
    const b = await newTicket(agent);
    const closed = await newTicket(agent, { status: 'closed' });
    expect(await code(await merge(agent, a, a))).toBe('merge_self');
    expect(await code(await merge(agent, a, closed))).toBe('ticket_closed');
    expect(await code(await merge(agent, closed, a))).toBe('ticket_closed');
    expect((await merge(agent, a, b)).status).toBe(200);
    const again = await merge(agent, a, b);
    expect(again.status).toBe(422);
    expect(await code(again)).toBe('ticket_merged');
    const c = await newTicket(agent);
    expect((await merge(agent, c, a)).status).toBe(422);
    expect((await merge(agent, c, 999999)).status).toBe(404);
    expect((await merge(agent, 999999, c)).status).toBe(404);
    expect((await merge(customer, c, b)).status).toBe(403);
    const [row] = await t.owner`select status, merged_into from tickets where org_id = ${owner.orgId} and number = ${c}`;
    expect(row).toEqual({ status: 'new', merged_into: null });
  });

  it("merges different requesters' tickets only when asked to, since one would read the other's messages", async () => {
    const mine = await newTicket(customer, { body: 'my secret' });
    const someoneElses = await newTicket(agent, { requester: { email: 'someone@links.test' } });
    const res = await merge(agent, mine, someoneElses);
    expect(res.status).toBe(422);
    expect(await code(res)).toBe('requester_differs');
    expect((await messages(someoneElses)).map((m) => m.body)).toEqual(['x']);
    const forced = await t.request(`/api/v1/tickets/${mine}/merge`, { method: 'POST', as: agent, body: { into: someoneElses, allow_other_requester: true } });
    expect(forced.status).toBe(200);
    expect((await messages(someoneElses)).map((m) => m.body)).toContain('my secret');
  });

  it('merges a pair in opposite directions at once without deadlock: one wins, one is 422', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await newTicket(agent);
      const b = await newTicket(agent);
      const answers = await Promise.all([merge(agent, a, b), merge(agent2, b, a)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 422]);
      const rows = await t.owner<{ merged_into: string | null }[]>`select merged_into from tickets where org_id = ${owner.orgId} and number in (${a}, ${b})`;
      expect(rows.filter((r) => r.merged_into !== null)).toHaveLength(1);
    }
  });

  it('closes the merged ticket even when fields required on close are empty', async () => {
    const strict = await t.org('links-strict');
    const field = await t.request('/api/v1/custom-fields', { method: 'POST', as: strict, body: { key: 'root_cause', label: 'Root cause', type: 'text', required_from: 'closed' } });
    expect(field.status).toBe(201);
    const from = await newTicket(strict);
    const into = await newTicket(strict);
    const res = await merge(strict, from, into);
    expect(res.status, await res.clone().text()).toBe(200);
    const [row] = await t.owner`select status, merged_into::int as merged_into from tickets where org_id = ${strict.orgId} and number = ${from}`;
    expect(row).toEqual({ status: 'closed', merged_into: into });
    // A plain close still asks for the field.
    const closing = await t.request(`/api/v1/tickets/${into}`, { method: 'PATCH', as: strict, body: { status: 'closed' } });
    expect(closing.status).toBe(422);
    expect(await code(closing)).toBe('custom_fields_required');
  });

  it("records the merge note on the merged ticket in the audit log and the ticket's history", async () => {
    const from = await newTicket(agent);
    const into = await newTicket(agent);
    expect((await merge(agent, from, into)).status).toBe(200);
    const [note] = await t.owner<{ id: string }[]>`select id from messages where org_id = ${owner.orgId} and ticket_number = ${from}`;
    const history = await json<{ items: { action: string; details: Record<string, unknown>; actor: { user_id: string | null } }[] }>(await t.request(`/api/v1/tickets/${from}/history`, { as: agent }));
    expect(history.items).toContainEqual(
      expect.objectContaining({ action: 'ticket.note', details: expect.objectContaining({ message_id: note!.id }), actor: expect.objectContaining({ user_id: agent.userId }) }),
    );
    const [missing] = await t.owner<{ n: number }[]>`
      select count(*)::int as n from messages m where m.org_id = ${owner.orgId} and m.ticket_number in (${from}, ${into})
        and m.body_text like 'Merged%'
        and not exists (select 1 from audit_log a where a.org_id = m.org_id and a.action = 'ticket.note' and a.details ->> 'message_id' = m.id::text)`;
    expect(missing!.n).toBe(0);
  });

  it('follows a chain: A into B, then B into C leaves the whole conversation on C, and points late merges at C', async () => {
    const a = await newTicket(agent, { body: 'alpha words' });
    const b = await newTicket(agent, { body: 'beta words' });
    const c = await newTicket(agent, { body: 'gamma words' });
    expect((await merge(agent, a, b)).status).toBe(200);
    expect((await merge(agent, b, c)).status).toBe(200);
    expect((await messages(c)).map((m) => m.body)).toEqual(expect.arrayContaining(['alpha words', 'beta words', 'gamma words']));
    const rows = await t.owner<{ number: number; status: string; merged_into: number | null }[]>`
      select number::int as number, status, merged_into::int as merged_into from tickets where org_id = ${owner.orgId} and number in (${a}, ${b}, ${c}) order by number`;
    expect(rows).toEqual([
      { number: a, status: 'closed', merged_into: b },
      { number: b, status: 'closed', merged_into: c },
      { number: c, status: 'new', merged_into: null },
    ]);
    const d = await newTicket(agent);
    const late = await merge(agent, d, a);
    expect(late.status).toBe(422);
    expect(await json<{ error: { code: string; message: string } }>(late)).toMatchObject({ error: { code: 'ticket_merged', message: expect.stringContaining(`merged into ${c}`) } });
  });

  it('gives another org a 404, either side of the merge', async () => {
    const a = await newTicket(owner);
    const b = await newTicket(owner);
    expect((await merge(other, a, b)).status).toBe(404);
    const theirs = await newTicket(other);
    expect((await merge(other, theirs, a)).status).toBe(404);
    const [row] = await t.owner`select status from tickets where org_id = ${owner.orgId} and number = ${a}`;
    expect(row!.status).toBe('new');
  });
});
