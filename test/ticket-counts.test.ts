import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberCaller } from '#lib/auth/caller.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { createTicket } from '#lib/tickets/create.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { TICKET_STATUSES } from '#lib/tickets/model.ts';
import { updateTicket } from '#lib/tickets/update.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let agent2: Member;
let other: Member;
let teamA: string;
let teamB: string;

type StatusCounts = Record<(typeof TICKET_STATUSES)[number], number>;
interface Counts {
  by_status: StatusCounts;
  mine: StatusCounts;
  by_team: Record<string, StatusCounts>;
}

const newTicket = async (body: Record<string, unknown>) => {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'Count me', body: 'x', ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ number: number }>(res)).number;
};
const patch = async (number: number, body: Record<string, unknown>) => {
  const res = await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: owner, body });
  expect(res.status, await res.clone().text()).toBe(200);
};
const team = async (name: string) => (await json<{ id: string }>(await t.request('/api/v1/teams', { method: 'POST', as: owner, body: { name } }))).id;

/** What the tickets themselves say, counted the slow way, as the superuser. */
async function reality(org: string, column: 'all' | 'assignee_id' | 'team_id', id?: string): Promise<StatusCounts> {
  const rows = await t.owner<{ status: string; n: number }[]>`
    select status, count(*)::int as n from tickets
    where org_id = ${org} and (${column} = 'all' or (${column} = 'assignee_id' and assignee_id = ${id ?? null}::uuid) or (${column} = 'team_id' and team_id = ${id ?? null}::uuid))
    group by status`;
  return { ...Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])), ...Object.fromEntries(rows.map((r) => [r.status, r.n])) } as StatusCounts;
}

async function expectCountsMatch(as: Member): Promise<Counts> {
  const res = await t.request('/api/v1/tickets/counts', { as });
  expect(res.status).toBe(200);
  const counts = await json<Counts>(res);
  expect(counts.by_status).toEqual(await reality(as.orgId, 'all'));
  expect(counts.mine).toEqual(await reality(as.orgId, 'assignee_id', as.userId));
  const teams = await t.owner<{ id: string }[]>`select id from teams where org_id = ${as.orgId}`;
  expect(Object.keys(counts.by_team).sort()).toEqual(teams.map((x) => x.id).sort());
  for (const { id } of teams) expect(counts.by_team[id], `team ${id}`).toEqual(await reality(as.orgId, 'team_id', id));
  return counts;
}

beforeAll(async () => {
  owner = await t.org('counts-co');
  agent = await t.member(owner, 'agent');
  agent2 = await t.member(owner, 'agent');
  other = await t.org('counts-other');
  teamA = await team('A');
  teamB = await team('B');
});

describe('ticket counts', () => {
  it('match the tickets after creates, status changes, reassignments, team moves and a team deletion', async () => {
    const empty = await expectCountsMatch(agent);
    expect(empty.by_status).toEqual({ new: 0, open: 0, pending: 0, on_hold: 0, solved: 0, closed: 0 });

    const a = await newTicket({ assignee_id: agent.userId, team_id: teamA });
    const b = await newTicket({ assignee_id: agent.userId, status: 'open' });
    const c = await newTicket({ team_id: teamB, priority: 'high' });
    const d = await newTicket({});
    const counts = await expectCountsMatch(agent);
    expect(counts.mine).toMatchObject({ new: 1, open: 1 });
    expect(counts.by_team[teamA]).toMatchObject({ new: 1 });

    await patch(a, { status: 'pending' });
    await patch(b, { status: 'solved' });
    await patch(d, { status: 'closed' });
    await expectCountsMatch(agent);

    await patch(a, { assignee_id: agent2.userId });
    await patch(c, { assignee_id: agent.userId, team_id: teamA });
    await patch(b, { assignee_id: null, status: 'open' });
    await patch(a, { team_id: teamB, status: 'on_hold' });
    await expectCountsMatch(agent);
    await expectCountsMatch(agent2);

    expect((await t.request(`/api/v1/teams/${teamB}`, { method: 'DELETE', as: owner })).status).toBe(204);
    const after = await expectCountsMatch(agent2);
    expect(after.by_team[teamB]).toBeUndefined();
    // The foreign key cleared the team on its tickets, and the counters followed.
    const [left] = await t.owner<{ n: number }[]>`select coalesce(sum(n), 0)::int as n from ticket_counts where org_id = ${owner.orgId} and scope = 'team' and scope_id = ${teamB}`;
    expect(left!.n).toBe(0);
  });

  it('change at commit: several changes in one transaction count once committed, and a rollback changes nothing', async () => {
    const caller: MemberCaller = { kind: 'member', orgId: owner.orgId, userId: agent.userId, role: 'agent', via: 'bearer' };
    const scope = { orgId: owner.orgId, userId: agent.userId, role: 'agent' as const };
    const before = await expectCountsMatch(agent);
    const stored = () => t.owner<{ n: number }[]>`select coalesce(sum(n), 0)::int as n from ticket_counts where org_id = ${owner.orgId} and scope = 'org'`;

    const seenInside = await withTenant(t.deps.unscoped, scope, async (tx) => {
      const row = await createTicket(tx, caller, { subject: 'in one go', body: messageBody({ body: 'x' }), channel: 'api', team_id: teamA });
      await updateTicket(tx, caller, Number(row.number), { status: 'open', assignee_id: agent.userId });
      await updateTicket(tx, caller, Number(row.number), { status: 'pending', assignee_id: agent2.userId, team_id: null });
      const [inside] = await tx<{ n: number }[]>`select coalesce(sum(n), 0)::int as n from ticket_counts where scope = 'org'`;
      return inside!.n;
    });
    // The deferred trigger had not run yet inside the transaction; at commit it counted once.
    expect(seenInside).toBe(Object.values(before.by_status).reduce((x, y) => x + y, 0));
    const after = await expectCountsMatch(agent2);
    expect(after.by_status.pending).toBe(before.by_status.pending + 1);
    expect((await stored())[0]!.n).toBe(seenInside + 1);

    await expect(
      withTenant(t.deps.unscoped, scope, async (tx) => {
        const row = await createTicket(tx, caller, { subject: 'never', body: messageBody({ body: 'x' }), channel: 'api' });
        await updateTicket(tx, caller, Number(row.number), { status: 'solved' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await expectCountsMatch(agent2)).toEqual(after);
  });

  it("never shows one org another org's counts", async () => {
    await newTicket({});
    const theirs = await json<Counts>(await t.request('/api/v1/tickets/counts', { as: other }));
    expect(theirs).toEqual({ by_status: { new: 0, open: 0, pending: 0, on_hold: 0, solved: 0, closed: 0 }, mine: { new: 0, open: 0, pending: 0, on_hold: 0, solved: 0, closed: 0 }, by_team: {} });
    expect((await t.request('/api/v1/tickets/counts', { as: await t.member(owner, 'customer') })).status).toBe(403);
  });
});
