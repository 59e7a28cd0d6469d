import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let customer: Member;
let other: Member;

interface Entry {
  seq: string;
  action: string;
  details: Record<string, unknown>;
  actor: { user_id: string | null; email: string | null; api_key_id: string | null };
}

const newTicket = async (as: Member, body: Record<string, unknown> = {}) => {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject: 'History', body: 'x', ...body } });
  expect(res.status).toBe(201);
  return (await json<{ number: number }>(res)).number;
};
const history = async (as: Member, n: number, query = '') => {
  const res = await t.request(`/api/v1/tickets/${n}/history${query}`, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<{ items: Entry[]; next_after: string | null }>(res);
};

beforeAll(async () => {
  owner = await t.org('history-co');
  agent = await t.member(owner, 'agent');
  customer = await t.member(owner, 'customer');
  other = await t.org('history-other');
});

describe('ticket history', () => {
  it("is the ticket's audit log, oldest first, with who did each thing", async () => {
    const n = await newTicket(customer);
    const m = await newTicket(agent);
    await t.request(`/api/v1/tickets/${n}`, { method: 'PATCH', as: agent, body: { priority: 'high', assignee_id: agent.userId } });
    await t.request(`/api/v1/tickets/${n}/messages`, { method: 'POST', as: agent, body: { body: 'On it' } });
    await t.request(`/api/v1/tickets/${n}/messages`, { method: 'POST', as: agent, body: { body: 'psst', internal: true } });
    await t.request(`/api/v1/tickets/${n}/links`, { method: 'POST', as: agent, body: { number: m } });
    await t.request(`/api/v1/tickets/${m}/merge`, { method: 'POST', as: owner, body: { into: n, allow_other_requester: true } });

    const { items } = await history(agent, n);
    // The first public staff reply opens the ticket: its update follows the reply.
    expect(items.map((e) => e.action)).toEqual(['ticket.create', 'ticket.update', 'ticket.reply', 'ticket.update', 'ticket.note', 'ticket.link', 'message.move', 'ticket.note']);
    expect(items[0]).toMatchObject({ actor: { user_id: customer.userId, email: customer.email, api_key_id: null }, details: { subject: 'History' } });
    expect(items[1]).toMatchObject({ actor: { email: agent.email }, details: { changes: { priority: ['normal', 'high'], assignee_id: [null, agent.userId] } } });
    expect(items[5]).toMatchObject({ actor: { email: agent.email }, details: { number: m } });
    expect(items[3]).toMatchObject({ details: { changes: { status: ['new', 'open'] } } });
    expect(items.at(-2)).toMatchObject({ actor: { email: owner.email }, details: { from: m } });
    expect(items.at(-1)).toMatchObject({ actor: { email: owner.email } });
    const seqs = items.map((e) => BigInt(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));

    const merged = await history(agent, m);
    // The merge note left on the merged ticket is a message like any other: it has its row.
    expect(merged.items.map((e) => e.action)).toEqual(['ticket.create', 'ticket.link', 'ticket.note', 'ticket.update']);
    expect(merged.items.at(-1)!.details).toMatchObject({ changes: { status: ['new', 'closed'], merged_into: [null, n] } });
  });

  it('pages with after and limit', async () => {
    const n = await newTicket(agent);
    for (const p of ['low', 'high', 'urgent']) await t.request(`/api/v1/tickets/${n}`, { method: 'PATCH', as: agent, body: { priority: p } });
    const first = await history(agent, n, '?limit=2');
    expect(first.items).toHaveLength(2);
    const rest = await history(agent, n, `?limit=2&after=${first.next_after}`);
    expect(rest.items.map((e) => e.details)).toEqual([{ changes: { priority: ['low', 'high'] } }, { changes: { priority: ['high', 'urgent'] } }]);
    expect((await history(agent, n, `?after=${rest.next_after}`)).items).toEqual([]);
  });

  it('pages with cursor and next_cursor, and refuses cursor together with the deprecated after', async () => {
    const n = await newTicket(agent);
    for (const p of ['low', 'high', 'urgent']) await t.request(`/api/v1/tickets/${n}`, { method: 'PATCH', as: agent, body: { priority: p } });
    const first = await json<{ items: Entry[]; next_cursor: string | null; next_after: string | null }>(await t.request(`/api/v1/tickets/${n}/history?limit=2`, { as: agent }));
    expect(first.items).toHaveLength(2);
    expect(first.next_after).toBe(first.items[1]!.seq);
    const rest = await json<{ items: Entry[]; next_cursor: string | null }>(await t.request(`/api/v1/tickets/${n}/history?limit=2&cursor=${first.next_cursor}`, { as: agent }));
    expect(rest.items.map((e) => e.details)).toEqual([{ changes: { priority: ['low', 'high'] } }, { changes: { priority: ['high', 'urgent'] } }]);
    const last = await json<{ items: Entry[]; next_cursor: string | null }>(await t.request(`/api/v1/tickets/${n}/history?cursor=${rest.next_cursor}`, { as: agent }));
    expect(last).toMatchObject({ items: [], next_cursor: null });
    const both = await t.request(`/api/v1/tickets/${n}/history?cursor=${first.next_cursor}&after=${first.next_after}`, { as: agent });
    expect(both.status).toBe(400);
    expect(await json(both)).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'cursor' }] } });
    expect(await json(await t.request(`/api/v1/tickets/${n}/history?cursor=bm90LW91cnM`, { as: agent }))).toMatchObject({ error: { code: 'invalid_cursor' } });
  });

  it('is for staff, and a 404 for another org', async () => {
    const n = await newTicket(customer);
    expect((await t.request(`/api/v1/tickets/${n}/history`, { as: customer })).status).toBe(403);
    expect((await t.request(`/api/v1/tickets/${n}/history`, { as: other })).status).toBe(404);
  });
});
