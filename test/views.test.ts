import { beforeAll, describe, expect, it } from 'vitest';
import type { TransactionSql } from '#lib/db/pool.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let lead: Member;
let lead2: Member;
let agent: Member;
let agent2: Member;
let other: Member;
let team: string;

interface View {
  id: string;
  name: string;
  owner_user_id: string | null;
  team_id: string | null;
  filters: Record<string, unknown>;
  sort: string;
  count: number | null;
  capped: boolean;
}
interface Page {
  items: { number: number; assignee_id: string | null }[];
  next_cursor: string | null;
  count: number;
  capped: boolean;
}

const code = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code;
const postView = (as: Member, body: Record<string, unknown>) => t.request('/api/v1/views', { method: 'POST', as, body });
const createView = async (as: Member, body: Record<string, unknown>) => {
  const res = await postView(as, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return json<View>(res);
};
const viewTickets = async (as: Member, id: string, query = '') => {
  const res = await t.request(`/api/v1/views/${id}/tickets${query}`, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<Page>(res);
};
const newTicket = async (as: Member, body: Record<string, unknown> = {}) => {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject: 'A view ticket', body: 'x', ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ number: number }>(res)).number;
};
let bulk: Promise<Member> | undefined;
/** An org with 1003 tickets, 501 of them high priority, all inserted in one statement (so at one timestamp). */
function bulkOrg(): Promise<Member> {
  bulk ??= (async () => {
    const org = await t.org('views-bulk');
    await t.owner.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${org.orgId}, true)`;
      await tx`
        insert into tickets (org_id, number, subject, requester_id, tags, priority)
        select ${org.orgId}, app.next_ticket_number(${org.orgId}), 'bulk ' || i, ${org.userId}, '{bulk}', case when i % 2 = 0 then 'high' else 'low' end::ticket_priority
        from generate_series(1, 1003) as i`;
    });
    return org;
  })();
  return bulk;
}

/** Every ticket of a view, page by page. */
async function allOf(as: Member, id: string, limit: number): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await viewTickets(as, id, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...page.items.map((x) => x.number));
    cursor = page.next_cursor;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  owner = await t.org('views-co');
  lead = await t.member(owner, 'lead');
  lead2 = await t.member(owner, 'lead');
  agent = await t.member(owner, 'agent');
  agent2 = await t.member(owner, 'agent');
  other = await t.org('views-other');
  team = (await json<{ id: string }>(await t.request('/api/v1/teams', { method: 'POST', as: owner, body: { name: 'Desk' } }))).id;
  expect((await t.request(`/api/v1/teams/${team}/members`, { method: 'PUT', as: owner, body: { user_ids: [lead.userId, agent.userId] } })).status).toBe(200);
  expect((await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: 'langs', label: 'Languages', type: 'multi_select', options: ['en', 'de'] } })).status).toBe(201);
  await newTicket(owner, { assignee_id: agent.userId, team_id: team, tags: ['vip'], custom_fields: { langs: ['en', 'de'] } });
  await newTicket(owner, { assignee_id: agent.userId, status: 'open', priority: 'high', custom_fields: { langs: ['de'] } });
  await newTicket(owner, { assignee_id: agent2.userId, team_id: team, status: 'pending', subject: 'Printer jammed' });
  await newTicket(owner, { status: 'solved', tags: ['vip'] });
  await newTicket(owner, { team_id: team, priority: 'high', custom_fields: { langs: ['en'] } });
  await newTicket(agent, { requester: { email: 'walk-in@views.test' }, status: 'on_hold' });
  await newTicket(owner, { status: 'closed', assignee_id: lead.userId });
});

describe('saved views', () => {
  it('are personal by default: listed to their owner only, admins included', async () => {
    const mine = await createView(agent, { name: 'My open', filters: { status: 'open,pending', assignee: 'me' } });
    expect(mine).toMatchObject({ owner_user_id: agent.userId, team_id: null, sort: 'updated_desc', count: 1, capped: false });
    const listed = await json<{ items: View[] }>(await t.request('/api/v1/views', { as: agent }));
    expect(listed.items.map((v) => v.id)).toContain(mine.id);
    const theirs = await json<{ items: View[] }>(await t.request('/api/v1/views', { as: agent2 }));
    expect(theirs.items.map((v) => v.id)).not.toContain(mine.id);
    expect((await t.request(`/api/v1/views/${mine.id}/tickets`, { as: agent2 })).status).toBe(404);
    expect((await t.request(`/api/v1/views/${mine.id}`, { method: 'PATCH', as: lead, body: { name: 'Mine now' } })).status).toBe(404);
    const all = await json<{ items: View[] }>(await t.request('/api/v1/views', { as: owner }));
    expect(all.items.map((v) => v.id)).not.toContain(mine.id);
    expect((await t.request(`/api/v1/views/${mine.id}`, { method: 'PATCH', as: owner, body: { name: 'Mine now' } })).status).toBe(404);
    expect((await t.request(`/api/v1/views/${mine.id}`, { method: 'DELETE', as: owner })).status).toBe(404);
    expect((await t.request('/api/v1/views', { as: await t.member(owner, 'customer') })).status).toBe(403);
  });

  it('are shared with a team by its leads, used by its members, and changed by leads only', async () => {
    const denied = await postView(agent, { name: 'Team queue', filters: {}, team_id: team });
    expect(denied.status).toBe(403);
    expect((await postView(lead2, { name: 'Not my team', filters: {}, team_id: team })).status).toBe(403);
    expect(await code(await postView(owner, { name: 'Nowhere', filters: {}, team_id: '00000000-0000-4000-8000-000000000000' }))).toBe('invalid_team');
    const shared = await createView(lead, { name: 'Team mine', filters: { assignee: 'me', status: 'unsolved' }, team_id: team });
    expect(shared).toMatchObject({ owner_user_id: null, team_id: team });
    // `me` is whoever looks: the lead has none unsolved, the agent two.
    expect((await viewTickets(lead, shared.id)).items).toEqual([]);
    const agents = await viewTickets(agent, shared.id);
    expect(agents.items.map((x) => x.assignee_id)).toEqual([agent.userId, agent.userId]);
    expect(agents).toMatchObject({ count: 2, capped: false });
    expect((await t.request(`/api/v1/views/${shared.id}`, { method: 'PATCH', as: agent, body: { name: 'Hijacked' } })).status).toBe(403);
    expect((await t.request(`/api/v1/views/${shared.id}`, { method: 'DELETE', as: agent })).status).toBe(403);
    expect((await t.request(`/api/v1/views/${shared.id}/tickets`, { as: agent2 })).status).toBe(404);
    const renamed = await t.request(`/api/v1/views/${shared.id}`, { method: 'PATCH', as: lead, body: { name: 'Team, mine', sort: 'created_asc' } });
    expect(await json<View>(renamed)).toMatchObject({ name: 'Team, mine', sort: 'created_asc' });
    expect((await t.request(`/api/v1/views/${shared.id}`, { method: 'DELETE', as: lead })).status).toBe(204);
    expect((await t.request(`/api/v1/views/${shared.id}`, { method: 'DELETE', as: lead })).status).toBe(404);
  });

  it('are read and written in SQL only as the policies say: a team member below lead changes nothing', async () => {
    const shared = await createView(lead, { name: 'Team policy', filters: {}, team_id: team });
    const personal = await createView(agent2, { name: 'Policy, mine', filters: {} });
    const as =
      (m: Member) =>
      <T>(fn: (tx: TransactionSql) => Promise<T>) =>
        withTenant(t.deps.unscoped, { orgId: m.orgId, userId: m.userId, role: m.role }, fn);
    // The agent of the team reads the team view, and its UPDATE and DELETE touch no row (no error).
    expect((await as(agent)((tx) => tx`select id from saved_views where id = ${shared.id}`)).length).toBe(1);
    expect((await as(agent)((tx) => tx`update saved_views set name = 'Hijacked' where id = ${shared.id}`)).count).toBe(0);
    expect((await as(agent)((tx) => tx`delete from saved_views where id = ${shared.id}`)).count).toBe(0);
    // Nor may the agent turn their own view into a team view, or write one for someone else.
    const [own] = await as(agent)((tx) => tx<{ id: string }[]>`insert into saved_views (org_id, name, owner_user_id) values (${agent.orgId}, 'Own', ${agent.userId}) returning id`);
    const promoted = await as(agent)((tx) => tx`update saved_views set owner_user_id = null, team_id = ${team} where id = ${own!.id}`).catch((e: { code?: string }) => e);
    expect((promoted as { code?: string }).code).toBe('42501');
    const forged = await as(lead)((tx) => tx`insert into saved_views (org_id, name, owner_user_id) values (${lead.orgId}, 'Forged', ${agent2.userId})`).catch((e: { code?: string }) => e);
    expect((forged as { code?: string }).code).toBe('42501');
    // A personal view is its owner's alone: the org's owner neither reads nor deletes it.
    expect((await as(owner)((tx) => tx`select id from saved_views where id = ${personal.id}`)).length).toBe(0);
    expect((await as(owner)((tx) => tx`delete from saved_views where id = ${personal.id}`)).count).toBe(0);
    // A lead outside the team does not see the team view; the org's owner (not in it) changes it.
    expect((await as(lead2)((tx) => tx`select id from saved_views where id = ${shared.id}`)).length).toBe(0);
    expect((await as(owner)((tx) => tx`update saved_views set position = 3 where id = ${shared.id}`)).count).toBe(1);
    const [row] = await t.owner<{ name: string }[]>`select name from saved_views where id = ${shared.id}`;
    expect(row!.name).toBe('Team policy');
  });

  it('answer a refused change with 403 or 404 in the JSON error shape, never 500', async () => {
    const shared = await createView(lead, { name: 'Team answers', filters: {}, team_id: team });
    for (const [method, as, status] of [
      ['PATCH', agent, 403],
      ['DELETE', agent, 403],
      ['PATCH', lead2, 404],
      ['DELETE', lead2, 404],
    ] as const) {
      const res = await t.request(`/api/v1/views/${shared.id}`, { method, as, ...(method === 'PATCH' ? { body: { name: 'Taken', position: 1 } } : {}) });
      expect(res.status, `${method} as ${as.role}`).toBe(status);
      expect(await json<{ error: { code: string; message: string } }>(res)).toMatchObject({ error: { code: status === 403 ? 'forbidden' : 'not_found', message: expect.any(String) } });
    }
    const renamed = await t.request(`/api/v1/views/${shared.id}`, { method: 'PATCH', as: owner, body: { name: 'Renamed by the owner' } });
    expect(renamed.status).toBe(200);
    expect((await t.request(`/api/v1/views/${shared.id}`, { method: 'DELETE', as: owner })).status).toBe(204);
  });

  it('refuse filters that would not run, and store nothing', async () => {
    for (const filters of [
      { stauts: 'open' },
      { status: 'opened' },
      { assignee: 'someone' },
      { limit: '10' },
      { cursor: 'abc' },
      { sort: 'created_asc' },
      { cf: { nope: 'x' } },
      { cf: { langs: 'fr' } },
      { cf: 'langs=en' },
    ]) {
      const res = await postView(agent, { name: 'Bad', filters });
      expect(res.status, JSON.stringify(filters)).toBe(400);
      expect(await code(res)).toBe('validation_failed');
    }
    expect((await postView(agent, { name: 'Bad sort', filters: {}, sort: 'random' })).status).toBe(400);
    const [row] = await t.owner`select count(*)::int as n from saved_views where org_id = ${owner.orgId} and name like 'Bad%'`;
    expect(row!.n).toBe(0);
  });

  it('run their filters through the ticket list, page by cursor, and count what they show', async () => {
    const requester = (await t.owner<{ id: string }[]>`select id from users where email = 'walk-in@views.test'`)[0]!.id;
    const cases: Record<string, unknown>[] = [
      {},
      { status: 'unsolved' },
      { status: 'open,pending', assignee: 'me' },
      { assignee: 'none' },
      { assignee: agent2.userId, status: 'new,open,pending' },
      { team },
      { team: 'none', status: 'new,solved' },
      { assignee: 'me', team },
      { priority: 'high' },
      { tag: 'vip', status: 'solved' },
      { q: 'printer' },
      { requester },
      { cf: { langs: 'de' } },
      { cf: { langs: ['en', 'de'] } },
      { created_after: '2000-01-01T00:00:00Z', status: 'closed' },
      { created_before: '2999-01-01T00:00:00Z', updated_after: '2000-01-01T00:00:00Z', priority: 'high,normal' },
      { updated_before: '2000-01-01T00:00:00Z' },
    ];
    for (const filters of cases) {
      const view = await createView(agent, { name: 'Case', filters });
      const shown = await allOf(agent, view.id, 2);
      expect(new Set(shown).size, JSON.stringify(filters)).toBe(shown.length);
      expect({ filters, count: view.count, capped: view.capped }).toEqual({ filters, count: shown.length, capped: false });
      expect((await viewTickets(agent, view.id)).count, JSON.stringify(filters)).toBe(shown.length);
    }
    const [total] = await t.owner<{ n: number }[]>`select count(*)::int as n from tickets where org_id = ${owner.orgId}`;
    const everything = await createView(agent, { name: 'All', filters: {}, sort: 'created_desc' });
    const numbers = await allOf(agent, everything.id, 3);
    expect(numbers).toEqual(Array.from({ length: total!.n }, (_, i) => total!.n - i));
  });

  // Known bug in lib/tickets/list.ts (not this feature's file): the cursor's timestamp is bound as
  // `${c.at}::timestamptz`, so postgres.js serialises it through a JS Date and cuts microseconds.
  // Ascending pages then start with the previous page's last row again (with limit=1, forever),
  // and descending pages skip rows within the same millisecond (a batch inserted in one
  // transaction: page 2 is empty). The fix is `${c.at}::text::timestamptz`; then drop `.fails`.
  it('pages through an ascending sort without repeating a row', async () => {
    const view = await createView(agent, { name: 'Oldest first', filters: {}, sort: 'created_asc' });
    const numbers = await allOf(agent, view.id, 3);
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
  });

  it('cap the count of a view the counters cannot answer at 1000', async () => {
    const bulk = await bulkOrg();
    const tagged = await createView(bulk, { name: 'Bulk', filters: { tag: 'bulk' } });
    expect(tagged).toMatchObject({ count: 1000, capped: true });
    const high = await createView(bulk, { name: 'High', filters: { priority: 'high' } });
    expect(high).toMatchObject({ count: 501, capped: false });
    // Status alone: the counters answer, exactly and past the cap.
    const unsolved = await createView(bulk, { name: 'Unsolved', filters: { status: 'unsolved' } });
    expect(unsolved).toMatchObject({ count: 1003, capped: false });
    expect(await viewTickets(bulk, tagged.id, '?limit=5')).toMatchObject({ count: 1000, capped: true, next_cursor: expect.any(String) });
  });

  // The same list.ts cursor bug as above, seen from the descending side (see there).
  it('pages through tickets that share one timestamp', async () => {
    const bulk = await bulkOrg();
    const view = await createView(bulk, { name: 'Bulk, all', filters: { tag: 'bulk' } });
    expect(await allOf(bulk, view.id, 100)).toHaveLength(1003);
  });

  it('are created once for a retried POST with the same Idempotency-Key', async () => {
    const body = { name: 'Retried view', filters: { status: 'open' } };
    const first = await t.request('/api/v1/views', { method: 'POST', as: agent, body, headers: { 'idempotency-key': 'view-1' } });
    const again = await t.request('/api/v1/views', { method: 'POST', as: agent, body, headers: { 'idempotency-key': 'view-1' } });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<View>(again)).id).toBe((await json<View>(first)).id);
    const [row] = await t.owner<{ n: number }[]>`select count(*)::int as n from saved_views where name = 'Retried view'`;
    expect(row!.n).toBe(1);
  });

  it('belong to people: an API key may list them but not own one', async () => {
    const created = await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'views', permissions: ['tickets.read_all'] } });
    const key = (await json<{ key: string }>(created)).key;
    const asKey = { ...owner, auth: `Bearer ${key}` };
    expect((await t.request('/api/v1/views', { as: asKey })).status).toBe(200);
    expect((await postView(asKey, { name: 'Robot', filters: {} })).status).toBe(403);
  });

  it("gives another org a 404 for every view endpoint, and never lists another org's view", async () => {
    const mine = await createView(owner, { name: 'Private', filters: { status: 'open' } });
    for (const [method, path, body] of [
      ['GET', `/api/v1/views/${mine.id}/tickets`, undefined],
      ['PATCH', `/api/v1/views/${mine.id}`, { name: 'Taken' }],
      ['DELETE', `/api/v1/views/${mine.id}`, undefined],
    ] as const) {
      const res = await t.request(path, { method, as: other, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await json<{ items: View[] }>(await t.request('/api/v1/views', { as: other }));
    expect(list.items).toEqual([]);
    expect((await postView(other, { name: 'Their team', filters: {}, team_id: team })).status).toBe(422);
    const [row] = await t.owner<{ name: string }[]>`select name from saved_views where id = ${mine.id}`;
    expect(row!.name).toBe('Private');
  });
});
