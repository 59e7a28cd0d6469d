import { beforeAll, describe, expect, it } from 'vitest';
import { loadRouteTable, type Route } from '#lib/router/mount.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

/**
 * Every ticket-related endpoint, called by another org with the victim org's numbers and ids,
 * built from the route table: a new endpoint under these paths needs a sample here before this
 * passes. The victim's ticket numbers do not exist in the intruder's org (it has fewer tickets),
 * so a 404 can only come from tenancy, and the victim's rows must be the same afterwards.
 */
const t = useTestApp();
const SCOPE = /^\/api\/v1\/(tickets|attachments|teams|custom-fields|views|audit)(\/|$)/;

let victim: Member;
let victimAgent: Member;
let intruder: Member;
/** The victim's ticket numbers: higher than any the intruder has. */
let vt: { a: number; b: number };
let ids: { team: string; field: string; view: string; attachment: string };
/** The intruder's own ticket and team, for requests that point from its org into the victim's. */
let own: { ticket: number; team: string };

interface Sample {
  path: string;
  body?: unknown;
  form?: FormData;
}
/** A 404 for a victim's id in the path; for collections, an answer with nothing of the victim's in it. */
type Check = { sample: Sample; expect: 404 } | { sample: Sample; expect: 'nothing-leaks' };

function textFile(text: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([text], { type: 'text/plain' }), 'notes.txt');
  return data;
}

const CHECKS: Record<string, () => Check> = {
  'GET /api/v1/tickets': () => ({ sample: { path: '/api/v1/tickets?status=new,open,pending,on_hold,solved,closed' }, expect: 'nothing-leaks' }),
  'POST /api/v1/tickets': () => ({ sample: { path: '/api/v1/tickets', body: { subject: 'Mine', body: 'x' } }, expect: 'nothing-leaks' }),
  'GET /api/v1/tickets/counts': () => ({ sample: { path: '/api/v1/tickets/counts' }, expect: 'nothing-leaks' }),
  'GET /api/v1/tickets/:number': () => ({ sample: { path: `/api/v1/tickets/${vt.a}` }, expect: 404 }),
  'PATCH /api/v1/tickets/:number': () => ({ sample: { path: `/api/v1/tickets/${vt.a}`, body: { priority: 'low' } }, expect: 404 }),
  'GET /api/v1/tickets/:number/messages': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/messages` }, expect: 404 }),
  'POST /api/v1/tickets/:number/messages': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/messages`, body: { body: 'hello' } }, expect: 404 }),
  'GET /api/v1/tickets/:number/attachments': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/attachments` }, expect: 404 }),
  'POST /api/v1/tickets/:number/attachments': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/attachments`, form: textFile('planted') }, expect: 404 }),
  'GET /api/v1/attachments/:id': () => ({ sample: { path: `/api/v1/attachments/${ids.attachment}` }, expect: 404 }),
  'GET /api/v1/tickets/:number/history': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/history` }, expect: 404 }),
  'GET /api/v1/tickets/:number/followers': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/followers` }, expect: 404 }),
  'POST /api/v1/tickets/:number/followers': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/followers`, body: {} }, expect: 404 }),
  'DELETE /api/v1/tickets/:number/followers/:user_id': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/followers/${victimAgent.userId}` }, expect: 404 }),
  'GET /api/v1/tickets/:number/links': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/links` }, expect: 404 }),
  'POST /api/v1/tickets/:number/links': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/links`, body: { number: own.ticket } }, expect: 404 }),
  'DELETE /api/v1/tickets/:number/links/:other': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/links/${vt.b}` }, expect: 404 }),
  'POST /api/v1/tickets/:number/merge': () => ({ sample: { path: `/api/v1/tickets/${vt.a}/merge`, body: { into: vt.b, allow_other_requester: true } }, expect: 404 }),
  'GET /api/v1/teams': () => ({ sample: { path: '/api/v1/teams' }, expect: 'nothing-leaks' }),
  'POST /api/v1/teams': () => ({ sample: { path: '/api/v1/teams', body: { name: 'Victim desk' } }, expect: 'nothing-leaks' }),
  'PATCH /api/v1/teams/:id': () => ({ sample: { path: `/api/v1/teams/${ids.team}`, body: { name: 'Taken' } }, expect: 404 }),
  'DELETE /api/v1/teams/:id': () => ({ sample: { path: `/api/v1/teams/${ids.team}` }, expect: 404 }),
  'PUT /api/v1/teams/:id/members': () => ({ sample: { path: `/api/v1/teams/${ids.team}/members`, body: { user_ids: [intruder.userId] } }, expect: 404 }),
  'GET /api/v1/custom-fields': () => ({ sample: { path: '/api/v1/custom-fields?archived=true' }, expect: 'nothing-leaks' }),
  'POST /api/v1/custom-fields': () => ({ sample: { path: '/api/v1/custom-fields', body: { key: 'victim_only', label: 'Mine too', type: 'text' } }, expect: 'nothing-leaks' }),
  'PATCH /api/v1/custom-fields/:id': () => ({ sample: { path: `/api/v1/custom-fields/${ids.field}`, body: { label: 'Taken' } }, expect: 404 }),
  'DELETE /api/v1/custom-fields/:id': () => ({ sample: { path: `/api/v1/custom-fields/${ids.field}` }, expect: 404 }),
  'POST /api/v1/custom-fields/:id/unarchive': () => ({ sample: { path: `/api/v1/custom-fields/${ids.field}/unarchive` }, expect: 404 }),
  'GET /api/v1/views': () => ({ sample: { path: '/api/v1/views' }, expect: 'nothing-leaks' }),
  'POST /api/v1/views': () => ({ sample: { path: '/api/v1/views', body: { name: 'Mine', filters: { status: 'unsolved' } } }, expect: 'nothing-leaks' }),
  'PATCH /api/v1/views/:id': () => ({ sample: { path: `/api/v1/views/${ids.view}`, body: { name: 'Taken' } }, expect: 404 }),
  'DELETE /api/v1/views/:id': () => ({ sample: { path: `/api/v1/views/${ids.view}` }, expect: 404 }),
  'GET /api/v1/views/:id/tickets': () => ({ sample: { path: `/api/v1/views/${ids.view}/tickets` }, expect: 404 }),
  'GET /api/v1/audit': () => ({ sample: { path: '/api/v1/audit?limit=200' }, expect: 'nothing-leaks' }),
};

/** Everything of the victim's that must never show up in an intruder's answer. */
const secrets = () => [victim.orgId, victim.userId, victimAgent.userId, ids.team, ids.field, ids.view, ids.attachment, 'Victim secret', 'victim words', 'victim-co'];

/** The victim's rows, as one digest per table: equal before and after means nothing changed. */
async function victimDigest(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of [
    'tickets',
    'messages',
    'attachments',
    'attachment_blobs',
    'ticket_links',
    'ticket_followers',
    'teams',
    'team_members',
    'custom_fields',
    'saved_views',
    'ticket_counts',
    'audit_log',
  ]) {
    const [row] = await t.owner.unsafe<{ d: string }[]>(`select coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as d from ${table} x where org_id = $1`, [victim.orgId]);
    out[table] = row!.d;
  }
  return out;
}

const send = (route: Route, sample: Sample, as: Member) =>
  sample.form
    ? t.app.request(sample.path, { method: route.method, headers: { authorization: as.auth }, body: sample.form })
    : t.request(sample.path, { method: route.method, as, ...(sample.body !== undefined ? { body: sample.body } : {}) });

let routes: Route[];

beforeAll(async () => {
  routes = (await loadRouteTable()).routes.filter((r) => SCOPE.test(r.path));
  victim = await t.org('victim-co');
  victimAgent = await t.member(victim, 'agent');
  intruder = await t.org('intruder-co');
  const post = async <T>(path: string, body: unknown, as = victim) => {
    const res = await t.request(path, { method: 'POST', as, body });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
    return json<T>(res);
  };
  for (let i = 0; i < 3; i++) await post('/api/v1/tickets', { subject: 'Victim filler', body: 'x' });
  ids = { team: (await post<{ id: string }>('/api/v1/teams', { name: 'Victim team' })).id } as typeof ids;
  ids.field = (await post<{ id: string }>('/api/v1/custom-fields', { key: 'victim_only', label: 'Victim only', type: 'text' })).id;
  const a = await post<{ number: number }>('/api/v1/tickets', { subject: 'Victim secret', body: 'victim words', team_id: ids.team, custom_fields: { victim_only: 'v' } });
  const b = await post<{ number: number }>('/api/v1/tickets', { subject: 'Victim secret 2', body: 'victim words' });
  vt = { a: a.number, b: b.number };
  await post(`/api/v1/tickets/${vt.a}/links`, { number: vt.b });
  await post(`/api/v1/tickets/${vt.a}/followers`, { user_id: victimAgent.userId });
  await post(`/api/v1/tickets/${vt.a}/messages`, { body: 'victim words, internal', internal: true });
  ids.view = (await post<{ id: string }>('/api/v1/views', { name: 'Victim view', filters: { status: 'unsolved' } })).id;
  const upload = await t.app.request(`/api/v1/tickets/${vt.a}/attachments`, { method: 'POST', headers: { authorization: victim.auth }, body: textFile('victim file') });
  expect(upload.status).toBe(201);
  ids.attachment = (await json<{ id: string }>(upload)).id;

  own = {
    ticket: (await post<{ number: number }>('/api/v1/tickets', { subject: 'Intruder', body: 'x' }, intruder)).number,
    team: (await post<{ id: string }>('/api/v1/teams', { name: 'Intruder team' }, intruder)).id,
  };
  expect(own.ticket).toBeLessThan(vt.a);
});

describe('another org', () => {
  it('has a cross-tenant check for every ticket-related endpoint', () => {
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !CHECKS[key]);
    expect(missing, 'add a cross-tenant check to CHECKS').toEqual([]);
    for (const key of Object.keys(CHECKS))
      expect(
        routes.some((r) => `${r.method} ${r.path}` === key),
        `${key} is served by no file`,
      ).toBe(true);
  });

  it("gets 404 for every endpoint given the victim's number or id, and learns nothing from any answer", async () => {
    const before = await victimDigest();
    const problems: string[] = [];
    for (const route of routes) {
      const check = CHECKS[`${route.method} ${route.path}`]!();
      const res = await send(route, check.sample, intruder);
      const text = await res.text();
      const where = `${route.method} ${check.sample.path}`;
      if (check.expect === 404) {
        if (res.status !== 404) problems.push(`${where}: expected 404, got ${res.status} ${text}`);
        else if ((JSON.parse(text) as { error?: { code?: string } }).error?.code !== 'not_found') problems.push(`${where}: 404 without the JSON error shape: ${text}`);
      } else if (res.status >= 500) {
        problems.push(`${where}: ${res.status} ${text}`);
      }
      // A 404 may echo the id the caller sent ("No team … in this organization"): that is no leak.
      for (const secret of secrets()) if (!check.sample.path.includes(secret) && text.includes(secret)) problems.push(`${where} leaks ${secret}`);
    }
    expect(problems).toEqual([]);
    expect(await victimDigest()).toEqual(before);
  });

  it("cannot point its own tickets, teams and views at the victim's users, teams and tickets", async () => {
    const before = await victimDigest();
    const attempts: [string, string, unknown, number][] = [
      ['POST', '/api/v1/tickets', { subject: 'x', body: 'y', team_id: ids.team }, 422],
      ['POST', '/api/v1/tickets', { subject: 'x', body: 'y', assignee_id: victimAgent.userId }, 422],
      ['PATCH', `/api/v1/tickets/${own.ticket}`, { assignee_id: victimAgent.userId }, 422],
      ['POST', `/api/v1/tickets/${own.ticket}/links`, { number: vt.a }, 404],
      ['POST', `/api/v1/tickets/${own.ticket}/merge`, { into: vt.a, allow_other_requester: true }, 404],
      ['POST', `/api/v1/tickets/${own.ticket}/followers`, { user_id: victimAgent.userId }, 422],
      ['PUT', `/api/v1/teams/${own.team}/members`, { user_ids: [victimAgent.userId] }, 422],
      ['POST', '/api/v1/views', { name: 'Theirs', filters: {}, team_id: ids.team }, 422],
      ['POST', '/api/v1/views', { name: 'Theirs', filters: { team: ids.team, assignee: victimAgent.userId } }, 201],
    ];
    const problems: string[] = [];
    for (const [method, path, body, status] of attempts) {
      const res = await t.request(path, { method, as: intruder, body });
      const text = await res.text();
      if (res.status !== status) problems.push(`${method} ${path} ${JSON.stringify(body)}: expected ${status}, got ${res.status} ${text}`);
      if (text.includes('Victim')) problems.push(`${method} ${path} leaks the victim's data: ${text}`);
    }
    expect(problems).toEqual([]);
    // A view filtering on the victim's team and agent is the intruder's own, and shows nothing.
    const views = await json<{ items: { id: string; name: string; count: number }[] }>(await t.request('/api/v1/views', { as: intruder }));
    const theirs = views.items.find((v) => v.name === 'Theirs')!;
    expect(theirs.count).toBe(0);
    expect((await json<{ items: unknown[] }>(await t.request(`/api/v1/views/${theirs.id}/tickets`, { as: intruder }))).items).toEqual([]);
    expect(await victimDigest()).toEqual(before);
  });
});
