import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let agent2: Member;
let customer: Member;
let other: Member;

interface Follower {
  user_id: string;
  email: string;
}

const code = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code;
const newTicket = async (as: Member) => {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject: 'Follow me', body: 'x' } });
  expect(res.status).toBe(201);
  return (await json<{ number: number }>(res)).number;
};
const follow = (as: Member, n: number, body?: Record<string, unknown>) => t.request(`/api/v1/tickets/${n}/followers`, { method: 'POST', as, ...(body ? { body } : {}) });
const followers = async (as: Member, n: number) => (await json<{ items: Follower[] }>(await t.request(`/api/v1/tickets/${n}/followers`, { as }))).items.map((f) => f.user_id).sort();

beforeAll(async () => {
  owner = await t.org('followers-co');
  agent = await t.member(owner, 'agent');
  agent2 = await t.member(owner, 'agent');
  customer = await t.member(owner, 'customer');
  other = await t.org('followers-other');
});

describe('ticket followers', () => {
  it('follow as the caller by default (201, then 200), or name another staff member', async () => {
    const n = await newTicket(customer);
    const first = await follow(agent, n);
    expect(first.status).toBe(201);
    expect(await json<Follower>(first)).toMatchObject({ user_id: agent.userId, email: agent.email });
    expect((await follow(agent, n, {})).status).toBe(200);
    expect((await follow(agent, n, { user_id: agent2.userId })).status).toBe(201);
    expect(await followers(agent, n)).toEqual([agent.userId, agent2.userId].sort());
  });

  it('are staff only: customers cannot follow or be added, and cannot list them', async () => {
    const n = await newTicket(customer);
    expect((await follow(customer, n)).status).toBe(403);
    expect((await t.request(`/api/v1/tickets/${n}/followers`, { as: customer })).status).toBe(403);
    const res = await follow(agent, n, { user_id: customer.userId });
    expect(res.status).toBe(422);
    expect(await code(res)).toBe('invalid_follower');
    expect((await follow(agent, n, { user_id: other.userId })).status).toBe(422);
    expect(await followers(agent, n)).toEqual([]);
  });

  it('stop following with DELETE (204); not following is 404', async () => {
    const n = await newTicket(agent);
    await follow(agent, n);
    await follow(agent, n, { user_id: agent2.userId });
    expect((await t.request(`/api/v1/tickets/${n}/followers/${agent2.userId}`, { method: 'DELETE', as: agent })).status).toBe(204);
    expect(await followers(agent, n)).toEqual([agent.userId]);
    expect((await t.request(`/api/v1/tickets/${n}/followers/${agent2.userId}`, { method: 'DELETE', as: agent })).status).toBe(404);
  });

  it('need a user_id from an API key, which is no person', async () => {
    const n = await newTicket(agent);
    const created = await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'bot', permissions: ['tickets.read_all'] } });
    const asKey = { ...owner, auth: `Bearer ${(await json<{ key: string }>(created)).key}` };
    expect((await follow(asKey, n)).status).toBe(400);
    expect((await follow(asKey, n, { user_id: agent.userId })).status).toBe(201);
  });

  it('gives another org a 404 for every follower endpoint', async () => {
    const n = await newTicket(owner);
    await follow(owner, n);
    for (const [method, path, body] of [
      ['GET', `/api/v1/tickets/${n}/followers`, undefined],
      ['POST', `/api/v1/tickets/${n}/followers`, {}],
      ['DELETE', `/api/v1/tickets/${n}/followers/${owner.userId}`, undefined],
    ] as const) {
      const res = await t.request(path, { method, as: other, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await followers(owner, n)).toEqual([owner.userId]);
  });
});
