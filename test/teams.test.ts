import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let admin: Member;
let agent: Member;
let agent2: Member;
let customer: Member;
let other: Member;

interface Team {
  id: string;
  name: string;
  round_robin: boolean;
  member_ids: string[];
}

const code = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code;
const createTeam = async (as: Member, body: Record<string, unknown>) => {
  const res = await t.request('/api/v1/teams', { method: 'POST', as, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<Team>(res);
};
const setMembers = (as: Member, id: string, user_ids: string[]) => t.request(`/api/v1/teams/${id}/members`, { method: 'PUT', as, body: { user_ids } });

beforeAll(async () => {
  owner = await t.org('teams-co');
  admin = await t.member(owner, 'admin');
  agent = await t.member(owner, 'agent');
  agent2 = await t.member(owner, 'agent');
  customer = await t.member(owner, 'customer');
  other = await t.org('teams-other');
});

describe('teams', () => {
  it('are created by admins, listed to staff with their members, and named uniquely without regard to case', async () => {
    const team = await createTeam(admin, { name: ' Billing ' });
    expect(team).toMatchObject({ name: 'Billing', round_robin: false, member_ids: [] });
    const dup = await t.request('/api/v1/teams', { method: 'POST', as: admin, body: { name: 'BILLING' } });
    expect(dup.status).toBe(409);
    expect(await code(dup)).toBe('team_exists');
    expect((await t.request('/api/v1/teams', { method: 'POST', as: agent, body: { name: 'Mine' } })).status).toBe(403);

    expect((await setMembers(admin, team.id, [agent.userId, agent2.userId, agent.userId])).status).toBe(200);
    const list = await json<{ items: Team[] }>(await t.request('/api/v1/teams', { as: agent }));
    const listed = list.items.find((x) => x.id === team.id);
    expect(listed?.member_ids).toEqual([agent.userId, agent2.userId].sort());
    expect((await t.request('/api/v1/teams', { as: customer })).status).toBe(403);
    const [row] = await t.owner`select count(*)::int as n from audit_log where org_id = ${owner.orgId} and action in ('team.create', 'team.members_change') and target_id = ${team.id}`;
    expect(row!.n).toBe(2);
  });

  it('replace their member list whole, and refuse it whole when one id is not active staff', async () => {
    const team = await createTeam(owner, { name: 'Replace' });
    const replaced = await json<Team>(await setMembers(owner, team.id, [agent.userId, admin.userId]));
    expect(replaced.member_ids).toEqual([agent.userId, admin.userId].sort());
    expect((await json<Team>(await setMembers(owner, team.id, [agent2.userId]))).member_ids).toEqual([agent2.userId]);

    const disabled = await t.member(owner, 'agent');
    await t.owner`update memberships set disabled_at = now() where user_id = ${disabled.userId}`;
    for (const bad of [customer.userId, disabled.userId, other.userId, '00000000-0000-4000-8000-000000000000']) {
      const res = await setMembers(owner, team.id, [agent.userId, bad]);
      expect(res.status, bad).toBe(422);
      expect(await code(res)).toBe('invalid_member');
    }
    const [now] = await t.owner<{ ids: string[] }[]>`select array_agg(user_id) as ids from team_members where team_id = ${team.id}`;
    expect(now!.ids).toEqual([agent2.userId]);
    expect((await json<Team>(await setMembers(owner, team.id, []))).member_ids).toEqual([]);
  });

  it('are renamed and switched to round-robin, which then hands tickets out in turn', async () => {
    const team = await createTeam(owner, { name: 'Support' });
    const clash = await t.request(`/api/v1/teams/${team.id}`, { method: 'PATCH', as: owner, body: { name: 'billing' } });
    expect(clash.status).toBe(409);
    const res = await t.request(`/api/v1/teams/${team.id}`, { method: 'PATCH', as: owner, body: { name: 'Front line', round_robin: true } });
    expect(res.status).toBe(200);
    expect(await json<Team>(res)).toMatchObject({ name: 'Front line', round_robin: true });
    await setMembers(owner, team.id, [agent.userId, agent2.userId]);
    const assignees = [];
    for (let i = 0; i < 4; i++) {
      const ticket = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: `rr ${i}`, body: 'x', team_id: team.id } });
      assignees.push((await json<{ assignee_id: string }>(ticket)).assignee_id);
    }
    expect(new Set(assignees)).toEqual(new Set([agent.userId, agent2.userId]));
    expect(assignees[0]).not.toBe(assignees[1]);
    expect(assignees[0]).toBe(assignees[2]);
  });

  it('are deleted (204): their tickets keep their assignee and lose the team', async () => {
    const team = await createTeam(owner, { name: 'Doomed' });
    const ticket = await json<{ number: number }>(await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'd', body: 'x', team_id: team.id, assignee_id: agent.userId } }));
    expect((await t.request(`/api/v1/teams/${team.id}`, { method: 'DELETE', as: owner })).status).toBe(204);
    const [row] = await t.owner`select team_id, assignee_id from tickets where org_id = ${owner.orgId} and number = ${ticket.number}`;
    expect(row).toEqual({ team_id: null, assignee_id: agent.userId });
    expect((await t.request(`/api/v1/teams/${team.id}`, { method: 'DELETE', as: owner })).status).toBe(404);
  });

  it("gives another org a 404 for every team endpoint, and never lists another org's team", async () => {
    const mine = await createTeam(owner, { name: 'Private' });
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/teams/${mine.id}`, { name: 'Taken' }],
      ['DELETE', `/api/v1/teams/${mine.id}`, undefined],
      ['PUT', `/api/v1/teams/${mine.id}/members`, { user_ids: [] }],
    ] as const) {
      const res = await t.request(path, { method, as: other, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await json<{ items: Team[] }>(await t.request('/api/v1/teams', { as: other }));
    expect(list.items.map((x) => x.id)).not.toContain(mine.id);
    const [row] = await t.owner<{ name: string }[]>`select name from teams where id = ${mine.id}`;
    expect(row!.name).toBe('Private');
  });
});
