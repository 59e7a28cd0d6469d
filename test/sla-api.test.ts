import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let other: Member;

const WEEKDAYS_9_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

interface Calendar {
  id: string;
  name: string;
  time_zone: string;
  weekly: unknown[];
  holidays: unknown[];
}
interface Policy {
  id: string;
  name: string;
  position: number;
  calendar_id: string;
  pause_statuses: string[];
  warn_percent: number;
  escalation: unknown;
}
interface Target {
  metric: string;
  status: string;
  due_at: string | null;
  remaining_minutes: number;
  business_hours: boolean;
}
interface Ticket {
  number: number;
  priority: string;
  sla?: { policy_id: string; targets: Target[] } | null;
}

async function calendar(as: Member, body: Record<string, unknown> = {}): Promise<Calendar> {
  const res = await t.request('/api/v1/sla/calendars', { method: 'POST', as, body: { name: `Cal ${Math.random()}`, time_zone: 'Europe/Berlin', always_open: true, ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<Calendar>(res);
}

async function policy(as: Member, body: Record<string, unknown>): Promise<Policy> {
  const res = await t.request('/api/v1/sla/policies', { method: 'POST', as, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<Policy>(res);
}

beforeAll(async () => {
  owner = await t.org('sla-api');
  agent = await t.member(owner, 'agent');
  other = await t.org('sla-api-other');
});

describe('SLA calendars', () => {
  it('creates, reads, changes and deletes a calendar with intervals past midnight and holidays', async () => {
    const cal = await calendar(owner, {
      name: 'Support hours',
      always_open: false,
      weekly: [...WEEKDAYS_9_TO_5, { weekday: 5, start: '22:00', end: '06:00' }],
      holidays: [
        { date: '2026-12-25', recurring: true, name: 'Christmas' },
        { date: '2026-12-31', recurring: false },
      ],
    });
    expect(cal).toMatchObject({
      name: 'Support hours',
      time_zone: 'Europe/Berlin',
      holidays: [
        { date: '2026-12-25', recurring: true },
        { date: '2026-12-31', recurring: false },
      ],
    });
    expect(await json(await t.request(`/api/v1/sla/calendars/${cal.id}`, { as: owner }))).toMatchObject({ id: cal.id, weekly: expect.arrayContaining([{ weekday: 5, start: '22:00', end: '06:00' }]) });
    const patched = await t.request(`/api/v1/sla/calendars/${cal.id}`, { method: 'PATCH', as: owner, body: { time_zone: 'America/New_York' } });
    expect(await json(patched)).toMatchObject({ time_zone: 'America/New_York' });
    const list = await json<{ items: Calendar[] }>(await t.request('/api/v1/sla/calendars', { as: owner }));
    expect(list.items.map((c) => c.id)).toContain(cal.id);
    expect((await t.request(`/api/v1/sla/calendars/${cal.id}`, { method: 'DELETE', as: owner })).status).toBe(204);
    expect((await t.request(`/api/v1/sla/calendars/${cal.id}`, { as: owner })).status).toBe(404);
  });

  it('refuses an unknown time zone, a bad time, a calendar never open and a duplicate name with clear 4xx', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'x', time_zone: 'Mars/Olympus', always_open: true }, 400, 'time_zone: must be an IANA time zone'],
      [{ name: 'x', time_zone: '+01:00', always_open: true }, 400, 'time_zone'],
      [{ name: 'x', time_zone: 'UTC', weekly: [{ weekday: 8, start: '09:00', end: '17:00' }] }, 400, 'weekly.0.weekday'],
      [{ name: 'x', time_zone: 'UTC', weekly: [{ weekday: 1, start: '9:00', end: '17:00' }] }, 400, 'weekly.0.start'],
      [{ name: 'x', time_zone: 'UTC', weekly: [{ weekday: 1, start: '09:00', end: '09:00' }] }, 400, 'start and end must differ'],
      [{ name: 'x', time_zone: 'UTC', holidays: [{ date: '2026-02-30' }], always_open: true }, 400, 'holidays.0.date'],
      [{ name: 'x', time_zone: 'UTC' }, 400, 'send weekly intervals, or always_open: true'],
    ];
    for (const [body, status, message] of cases) {
      const res = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body });
      const err = await json<{ error: { code: string; message: string } }>(res);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(err.error.message).toContain(message);
    }
    await calendar(owner, { name: 'Twice' });
    const dup = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name: 'twice', time_zone: 'UTC', always_open: true } });
    expect(dup.status).toBe(409);
  });

  it('keeps a calendar a policy uses (409) and answers 404 for another org’s calendar', async () => {
    const cal = await calendar(owner);
    await policy(owner, { name: 'Uses it', calendar_id: cal.id, targets: { normal: { resolution: { minutes: 60 } } } });
    expect((await t.request(`/api/v1/sla/calendars/${cal.id}`, { method: 'DELETE', as: owner })).status).toBe(409);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'taken' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await t.request(`/api/v1/sla/calendars/${cal.id}`, { method, as: other, ...(body ? { body } : {}) });
      expect(res.status, method).toBe(404);
    }
  });

  it('is for admins only', async () => {
    expect((await t.request('/api/v1/sla/calendars', { as: agent })).status).toBe(403);
    expect((await t.request('/api/v1/sla/calendars', { method: 'POST', as: agent, body: { name: 'no', time_zone: 'UTC', always_open: true } })).status).toBe(403);
  });
});

describe('SLA policies', () => {
  it('creates policies with defaults, orders them, changes and deletes one', async () => {
    const cal = await calendar(owner);
    const a = await policy(owner, { name: 'A', calendar_id: cal.id, targets: { urgent: { first_response: { minutes: 30 } } } });
    const b = await policy(owner, {
      name: 'B',
      calendar_id: cal.id,
      conditions: { priority: ['high'], tags: ['vip'] },
      warn_percent: 75,
      pause_statuses: ['pending'],
      targets: { high: { first_response: { minutes: 60, business_hours: false }, resolution: { minutes: 480 } } },
      escalation: { priority: 'urgent' },
    });
    expect(a).toMatchObject({ pause_statuses: ['pending', 'on_hold'], warn_percent: 80, escalation: null });
    expect(b).toMatchObject({ warn_percent: 75, pause_statuses: ['pending'], escalation: { priority: 'urgent', team_id: null } });
    expect(b.position).toBeGreaterThan(a.position);
    const ordered = await json<{ items: Policy[] }>(await t.request('/api/v1/sla/policies/order', { method: 'PUT', as: owner, body: { ids: [b.id, a.id] } }));
    expect(ordered.items.slice(0, 2).map((p) => p.name)).toEqual(['B', 'A']);
    const patched = await json<Policy>(await t.request(`/api/v1/sla/policies/${a.id}`, { method: 'PATCH', as: owner, body: { name: 'A2', escalation: null } }));
    expect(patched).toMatchObject({ name: 'A2', escalation: null });
    expect((await t.request(`/api/v1/sla/policies/${a.id}`, { method: 'DELETE', as: owner })).status).toBe(204);
    expect((await t.request(`/api/v1/sla/policies/${a.id}`, { as: owner })).status).toBe(404);
  });

  it('refuses bad targets and references with clear 4xx, and another org’s calendar as 422', async () => {
    const cal = await calendar(owner);
    const foreign = await calendar(other);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'x', calendar_id: cal.id, targets: {} }, 400, 'targets'],
      [{ name: 'x', calendar_id: cal.id, targets: { normal: {} } }, 400, 'targets.normal'],
      [{ name: 'x', calendar_id: cal.id, targets: { normal: { resolution: { minutes: 0 } } } }, 400, 'targets.normal.resolution.minutes'],
      [{ name: 'x', calendar_id: cal.id, targets: { critical: { resolution: { minutes: 5 } } } }, 400, 'critical'],
      [{ name: 'x', calendar_id: cal.id, targets: { normal: { resolution: { minutes: 5 } } }, pause_statuses: ['solved'] }, 400, 'pause_statuses.0'],
      [{ name: 'x', calendar_id: cal.id, targets: { normal: { resolution: { minutes: 5 } } }, warn_percent: 100 }, 400, 'warn_percent'],
      [{ name: 'x', calendar_id: foreign.id, targets: { normal: { resolution: { minutes: 5 } } } }, 422, 'No SLA calendar'],
    ];
    for (const [body, status, message] of cases) {
      const res = await t.request('/api/v1/sla/policies', { method: 'POST', as: owner, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await json<{ error: { message: string } }>(res)).error.message).toContain(message);
    }
  });

  it('answers 404 for another org’s policy and 422 for another org’s id in an order', async () => {
    const cal = await calendar(owner);
    const p = await policy(owner, { name: 'Mine', calendar_id: cal.id, targets: { low: { resolution: { minutes: 5 } } } });
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'taken' }],
      ['DELETE', undefined],
    ] as const) {
      expect((await t.request(`/api/v1/sla/policies/${p.id}`, { method, as: other, ...(body ? { body } : {}) })).status, method).toBe(404);
    }
    expect((await t.request('/api/v1/sla/policies/order', { method: 'PUT', as: other, body: { ids: [p.id] } })).status).toBe(422);
  });
});

describe('SLA state on tickets', () => {
  it('shows each target with due time, remaining minutes and status to staff, and none to customers', async () => {
    const org = await t.org('sla-ticket-state');
    const customer = await t.member(org, 'customer');
    const cal = await calendar(org);
    const p = await policy(org, { name: 'All', calendar_id: cal.id, targets: { normal: { first_response: { minutes: 60 }, resolution: { minutes: 600, business_hours: false } } } });
    const created = await json<Ticket>(await t.request('/api/v1/tickets', { method: 'POST', as: org, body: { subject: 'Help', body: 'x', requester: { email: customer.email } } }));
    expect(created.sla?.policy_id).toBe(p.id);
    expect(created.sla?.targets.map((x) => [x.metric, x.status, x.remaining_minutes])).toEqual([
      ['first_response', 'running', 60],
      ['resolution', 'running', 600],
    ]);
    const due = new Date(created.sla!.targets[0]!.due_at!).getTime();
    expect(Math.abs(due - Date.now() - 3_600_000)).toBeLessThan(120_000);
    const mine = await json<Ticket>(await t.request(`/api/v1/tickets/${created.number}`, { as: customer }));
    expect(mine).not.toHaveProperty('sla');
    const list = await json<{ items: Ticket[] }>(await t.request('/api/v1/tickets?status=unsolved', { as: org }));
    expect(list.items.find((x) => x.number === created.number)?.sla?.targets).toHaveLength(2);
    // A public staff reply fulfils the first response; the status change to pending pauses resolution.
    expect((await t.request(`/api/v1/tickets/${created.number}/messages`, { method: 'POST', as: org, body: { body: 'On it' } })).status).toBe(201);
    const paused = await json<Ticket>(await t.request(`/api/v1/tickets/${created.number}`, { method: 'PATCH', as: org, body: { status: 'pending' } }));
    expect(paused.sla?.targets.map((x) => [x.metric, x.status])).toEqual([
      ['first_response', 'fulfilled'],
      ['resolution', 'paused'],
    ]);
    const events = await t.owner<{ metric: string; kind: string }[]>`
      select metric::text, kind::text from sla_events where org_id = ${org.orgId} and ticket_number = ${created.number} order by at, kind`;
    expect(events).toEqual(
      expect.arrayContaining([
        { metric: 'first_response', kind: 'started' },
        { metric: 'resolution', kind: 'started' },
        { metric: 'first_response', kind: 'fulfilled' },
        { metric: 'resolution', kind: 'paused' },
      ]),
    );
  });

  it('matches the first policy whose conditions hold, on tags, team and the requester’s company', async () => {
    const org = await t.org('sla-match');
    const customer = await t.member(org, 'customer');
    await t.owner`update memberships set company = 'Acme GmbH' where user_id = ${customer.userId}`;
    const cal = await calendar(org);
    const team = await json<{ id: string }>(await t.request('/api/v1/teams', { method: 'POST', as: org, body: { name: 'Tier 2' } }));
    const byCompany = await policy(org, { name: 'Acme', calendar_id: cal.id, conditions: { company: ['acme gmbh'] }, targets: { normal: { resolution: { minutes: 10 } } } });
    const byTeamTag = await policy(org, { name: 'T2 VIP', calendar_id: cal.id, conditions: { team_id: [team.id], tags: ['vip'] }, targets: { normal: { resolution: { minutes: 20 } } } });
    const open = async (body: Record<string, unknown>) => json<Ticket>(await t.request('/api/v1/tickets', { method: 'POST', as: org, body: { subject: 's', body: 'b', ...body } }));
    expect((await open({ requester: { email: customer.email } })).sla?.policy_id).toBe(byCompany.id);
    expect((await open({ team_id: team.id, tags: ['vip'] })).sla?.policy_id).toBe(byTeamTag.id);
    expect((await open({ team_id: team.id })).sla).toBeNull();
  });
});

describe('notifications', () => {
  it('lists only the caller’s own and marks them read; someone else’s is 404', async () => {
    const [n] = await t.owner<{ id: string }[]>`
      insert into notifications (org_id, user_id, kind, title) values (${owner.orgId}, ${agent.userId}, 'sla_breach', 'Missed') returning id`;
    const mine = await json<{ items: { id: string; read_at: string | null }[]; unread: number }>(await t.request('/api/v1/notifications', { as: agent }));
    expect(mine).toMatchObject({ unread: 1, items: [{ id: n!.id, read_at: null }] });
    expect((await json<{ items: unknown[] }>(await t.request('/api/v1/notifications', { as: owner }))).items).toEqual([]);
    expect((await t.request(`/api/v1/notifications/${n!.id}`, { method: 'PATCH', as: owner, body: { read: true } })).status).toBe(404);
    expect((await t.request(`/api/v1/notifications/${n!.id}`, { method: 'PATCH', as: other, body: { read: true } })).status).toBe(404);
    const read = await json<{ read_at: string | null }>(await t.request(`/api/v1/notifications/${n!.id}`, { method: 'PATCH', as: agent, body: { read: true } }));
    expect(read.read_at).not.toBeNull();
    expect((await json<{ unread: number }>(await t.request('/api/v1/notifications?unread=true', { as: agent }))).unread).toBe(0);
  });
});

describe('SLA report', () => {
  it('gives per policy and per agent the share met and the median and p90 minutes', async () => {
    const org = await t.org('sla-report');
    const cal = await calendar(org);
    const p = await policy(org, { name: 'Report', calendar_id: cal.id, targets: { normal: { first_response: { minutes: 60, business_hours: false } } } });
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.request('/api/v1/tickets', { method: 'POST', as: org, body: { subject: `r${i}`, body: 'x', assignee_id: org.userId, requester: { email: `c${i}@report.test` } } });
      numbers.push((await json<Ticket>(res)).number);
    }
    // Answered after 10 and 30 minutes; the third after 90, past its 60-minute target.
    for (const [n, minutes] of [
      [numbers[0], 10],
      [numbers[1], 30],
      [numbers[2], 90],
    ] as const) {
      await t.owner`update tickets set created_at = now() - make_interval(mins => ${minutes}) where org_id = ${org.orgId} and number = ${n!}`;
      await t.owner`update messages set created_at = now() - make_interval(mins => ${minutes}) where org_id = ${org.orgId} and ticket_number = ${n!}`;
      expect((await t.request(`/api/v1/tickets/${n}/messages`, { method: 'POST', as: org, body: { body: 'answer' } })).status).toBe(201);
    }
    const byPolicy = await json<{ items: { id: string; name: string; first_response: Record<string, number> }[] }>(await t.request('/api/v1/sla/report?group_by=policy', { as: org }));
    expect(byPolicy.items).toHaveLength(1);
    expect(byPolicy.items[0]).toMatchObject({ id: p.id, name: 'Report', first_response: { total: 3, met: 2, breached: 1, percent_met: 66.7 } });
    expect(byPolicy.items[0]!.first_response.median_minutes).toBeCloseTo(30, 0);
    expect(byPolicy.items[0]!.first_response.p90_minutes).toBeGreaterThan(70);
    const byAgent = await json<{ items: { id: string }[] }>(await t.request('/api/v1/sla/report?group_by=agent', { as: org }));
    expect(byAgent.items.map((r) => r.id)).toEqual([org.userId]);
    const bad = await t.request('/api/v1/sla/report?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z', { as: org });
    expect(bad.status).toBe(400);
    expect((await t.request('/api/v1/sla/report', { as: agent })).status).toBe(403);
    // Another org sees none of it.
    expect((await json<{ items: unknown[] }>(await t.request('/api/v1/sla/report', { as: other }))).items).toEqual([]);
  });
});
