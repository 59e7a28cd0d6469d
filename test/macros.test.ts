import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let lead: Member;
let agent: Member;
let otherAgent: Member;
let stranger: Member;

beforeAll(async () => {
  owner = await t.org('macros-co');
  lead = await t.member(owner, 'lead');
  agent = await t.member(owner, 'agent');
  otherAgent = await t.member(owner, 'agent');
  stranger = await t.org('macros-other');
});

interface MacroJson {
  id: string;
  name: string;
  body: string;
  shared: boolean;
  owner_user_id: string | null;
  set_status: string | null;
  set_priority: string | null;
  add_tags: string[];
}

async function create(as: Member, body: Record<string, unknown>): Promise<MacroJson> {
  const res = await t.request('/api/v1/macros', { method: 'POST', as, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<MacroJson>(res);
}

describe('macros API', () => {
  it('keeps personal macros to their owner and shares org macros with all staff', async () => {
    const shared = await create(lead, {
      name: 'Thanks',
      body: 'Hi {{requester.first_name}}, ticket #{{ticket.number}} is solved. {{agent.name}}',
      shared: true,
      set_status: 'solved',
      add_tags: ['Done'],
    });
    expect(shared).toMatchObject({ shared: true, owner_user_id: null, set_status: 'solved', add_tags: ['done'] });
    const mine = await create(agent, { name: 'My sign-off', body: 'Cheers, {{agent.first_name}}', set_priority: 'low' });
    expect(mine).toMatchObject({ shared: false, owner_user_id: agent.userId, set_priority: 'low' });

    const agentSees = (await json<{ items: MacroJson[] }>(await t.request('/api/v1/macros', { as: agent }))).items.map((m) => m.name);
    expect(agentSees).toEqual(['Thanks', 'My sign-off']);
    const otherSees = (await json<{ items: MacroJson[] }>(await t.request('/api/v1/macros', { as: otherAgent }))).items.map((m) => m.name);
    expect(otherSees).toEqual(['Thanks']);
    expect((await t.request(`/api/v1/macros/${mine.id}`, { as: otherAgent })).status).toBe(404);
    // An admin does not read someone's personal macros either: they are personal.
    expect((await t.request(`/api/v1/macros/${mine.id}`, { as: owner })).status).toBe(404);
  });

  it('lets only leads, admins and owners write shared macros', async () => {
    const res = await t.request('/api/v1/macros', { method: 'POST', as: agent, body: { name: 'Org-wide', shared: true } });
    expect(res.status).toBe(403);
    const shared = await create(owner, { name: 'Escalate', body: 'Escalated', shared: true, set_priority: 'urgent' });
    const patch = await t.request(`/api/v1/macros/${shared.id}`, { method: 'PATCH', as: agent, body: { name: 'Mine now' } });
    expect(patch.status).toBe(403);
    expect((await t.request(`/api/v1/macros/${shared.id}`, { method: 'DELETE', as: agent })).status).toBe(403);
    const renamed = await t.request(`/api/v1/macros/${shared.id}`, { method: 'PATCH', as: lead, body: { name: 'Escalate now', set_priority: null } });
    expect(await json<MacroJson>(renamed)).toMatchObject({ name: 'Escalate now', set_priority: null, body: 'Escalated' });
    expect((await t.request(`/api/v1/macros/${shared.id}`, { method: 'DELETE', as: lead })).status).toBe(204);
    expect((await t.request(`/api/v1/macros/${shared.id}`, { as: lead })).status).toBe(404);
  });

  it('refuses unknown placeholders and bad fields with a 400 that names them', async () => {
    const res = await t.request('/api/v1/macros', { method: 'POST', as: agent, body: { name: 'Typo', body: 'Hi {{requester.nmae}}' } });
    expect(res.status).toBe(400);
    const err = await json<{ error: { code: string; message: string } }>(res);
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.message).toContain('{{requester.nmae}}');
    expect(err.error.message).toContain('{{requester.name}}');
    expect((await t.request('/api/v1/macros', { method: 'POST', as: agent, body: { name: 'x', set_status: 'done' } })).status).toBe(400);
    expect((await t.request('/api/v1/macros', { method: 'POST', as: agent, body: { name: '' } })).status).toBe(400);
    expect((await t.request('/api/v1/macros/not-a-uuid', { as: agent })).status).toBe(400);
  });

  it("answers 404 for another org's macro and leaves it unchanged", async () => {
    const theirs = await create(stranger, { name: 'Private', body: 'x', shared: true });
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await t.request(`/api/v1/macros/${theirs.id}`, { method, as: owner, ...(body ? { body } : {}) });
      expect(res.status, method).toBe(404);
    }
    const [row] = await t.owner<{ name: string }[]>`select name from macros where id = ${theirs.id}`;
    expect(row!.name).toBe('Private');
    const listed = await json<{ items: MacroJson[] }>(await t.request('/api/v1/macros', { as: owner }));
    expect(listed.items.map((m) => m.id)).not.toContain(theirs.id);
  });
});
