import { describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient, type PageSession } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

interface CalendarRow {
  id: string;
  name: string;
  time_zone: string;
  always_open: boolean;
  weekly: { weekday: number; start: string; end: string }[];
  holidays: { date: string; recurring: boolean; name?: string }[];
}

async function apiCalendar(owner: Member, name: string): Promise<string> {
  const res = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name, time_zone: 'Europe/Berlin', weekly: [{ weekday: 1, start: '09:00', end: '17:00' }] } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function apiPolicy(owner: Member, name: string, calendarId: string): Promise<string> {
  const res = await t.request('/api/v1/sla/policies', { method: 'POST', as: owner, body: { name, calendar_id: calendarId, targets: { urgent: { first_response: { minutes: 30 } } } } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const calendarRow = async (id: string) => (await t.owner<CalendarRow[]>`select id, name, time_zone, always_open, weekly, holidays from sla_calendars where id = ${id}`)[0];
const policyRows = (orgId: string) =>
  t.owner<{ id: string; name: string; position: number; active: boolean }[]>`select id, name, position, active from sla_policies where org_id = ${orgId} order by position, created_at`;
const recomputeJobs = async (orgId: string) => Number((await t.owner<{ n: string }[]>`select count(*) as n from graphile_worker._private_jobs where key = ${`sla-recompute:${orgId}`}`)[0]!.n);
const forgetRecompute = (orgId: string) => t.owner`delete from graphile_worker._private_jobs where key = ${`sla-recompute:${orgId}`}`;

/** A fresh org, its owner signed in on the pages. */
async function adminOf(slug: string): Promise<{ owner: Member; admin: PageSession }> {
  const owner = await t.org(slug);
  return { owner, admin: await browser.signIn(owner, slug) };
}

describe('admin SLA page: calendars', () => {
  it('creates a calendar from its page, refusing a bad zone, no hours and half an interval beside the fields (422, nothing written)', async () => {
    const { owner, admin } = await adminOf('sla-cal-new');
    expect(await (await admin.get('/app/admin/sla')).text()).toContain('No calendars yet');
    const form = await admin.get('/app/admin/sla/calendars/new');
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('<datalist id="time-zones">');
    expect(formHtml).toContain('<option value="Europe/Berlin">');
    expect(formHtml).toMatch(/name="start_5_0" value="09:00"/);

    const bad = await admin.post('/app/admin/sla/calendars', { name: 'Office', time_zone: 'Mars/Olympus', start_1_0: '09:00', end_1_0: '17:00' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="calendar-time_zone-error"[^>]*>must be an IANA time zone/);
    const never = await admin.post('/app/admin/sla/calendars', { name: 'Office', time_zone: 'Europe/Berlin' });
    expect(never.status).toBe(422);
    expect(await never.text()).toMatch(/id="calendar-weekly-error"[^>]*>Give at least one day opening hours, or tick “Open around the clock”/);
    const half = await admin.post('/app/admin/sla/calendars', { name: 'Office', time_zone: 'Europe/Berlin', start_1_0: '09:00' });
    expect(half.status).toBe(422);
    expect(await half.text()).toMatch(/id="calendar-end_1_0-error"[^>]*>give both times/);
    expect(await t.owner`select 1 from sla_calendars where org_id = ${owner.orgId}`).toHaveLength(0);

    const ok = await admin.post('/app/admin/sla/calendars', { name: 'Office', time_zone: 'Europe/Berlin', start_1_0: '09:00', end_1_0: '17:00', start_2_0: '09:00', end_2_0: '17:00' });
    expect(ok.status).toBe(200);
    const [row] = await t.owner<CalendarRow[]>`select id, weekly from sla_calendars where org_id = ${owner.orgId}`;
    expect(row!.weekly).toEqual([
      { weekday: 1, start: '09:00', end: '17:00' },
      { weekday: 2, start: '09:00', end: '17:00' },
    ]);
    expect(ok.headers.get('hx-push-url')).toBe(`/app/admin/sla/calendars/${row!.id}`);
    const html = await ok.text();
    expect(html).toContain('Calendar “Office” created');
    expect(html).toContain('Add a holiday');
    expect(await (await admin.get('/app/admin/sla')).text()).toContain('Mon 09:00–17:00, Tue 09:00–17:00');

    const dup = await admin.post('/app/admin/sla/calendars', { name: 'office', time_zone: 'UTC', always_open: 'on' });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toMatch(/id="calendar-name-error"[^>]*>An SLA calendar named &quot;office&quot; already exists/);
  });

  it('edits name, zone and hours (several intervals a day, a night shift past midnight), enqueues the recompute, and refuses a bad interval without writing', async () => {
    const { owner, admin } = await adminOf('sla-cal-edit');
    const id = await apiCalendar(owner, 'Support');
    const page = await admin.get(`/app/admin/sla/calendars/${id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/name="start_1_0" value="09:00"/);
    await forgetRecompute(owner.orgId);

    const saved = await admin.post(`/app/admin/sla/calendars/${id}`, {
      name: 'Support desk',
      time_zone: 'America/New_York',
      start_1_0: '08:00',
      end_1_0: '12:00',
      start_1_1: '13:00',
      end_1_1: '17:00',
      start_5_0: '22:00',
      end_5_0: '06:00',
    });
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toContain('Calendar saved');
    expect(html).toMatch(/name="start_1_1" value="13:00"/);
    expect(html).toMatch(/name="start_1_2" value=""/);
    expect(await calendarRow(id)).toMatchObject({
      name: 'Support desk',
      time_zone: 'America/New_York',
      always_open: false,
      weekly: [
        { weekday: 1, start: '08:00', end: '12:00' },
        { weekday: 1, start: '13:00', end: '17:00' },
        { weekday: 5, start: '22:00', end: '06:00' },
      ],
    });
    expect(await recomputeJobs(owner.orgId)).toBe(1);

    await forgetRecompute(owner.orgId);
    const bad = await admin.post(`/app/admin/sla/calendars/${id}`, { name: 'Renamed', time_zone: 'UTC', start_3_0: '09:00', end_3_0: '09:00' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="calendar-start_3_0-error"[^>]*>start and end must differ/);
    expect(await calendarRow(id)).toMatchObject({ name: 'Support desk', time_zone: 'America/New_York' });
    expect(await recomputeJobs(owner.orgId)).toBe(0);

    const allDay = await admin.post(`/app/admin/sla/calendars/${id}`, { name: 'Support desk', time_zone: 'UTC', always_open: 'on' });
    expect(allDay.status).toBe(200);
    expect(await calendarRow(id)).toMatchObject({ always_open: true, weekly: [] });
  });

  it('adds one-off and yearly holidays and removes one, refusing a date that does not exist and a repeat', async () => {
    const { owner, admin } = await adminOf('sla-holidays');
    const id = await apiCalendar(owner, 'Office');
    const christmas = await admin.post(`/app/admin/sla/calendars/${id}/holidays`, { date: '2026-12-25', name: 'Christmas', recurring: 'on' });
    expect(christmas.status).toBe(200);
    const html = await christmas.text();
    expect(html).toContain('Holiday “Christmas” added');
    expect(html).toMatch(/<time datetime="2026-12-25">25 December<\/time>/);
    expect((await admin.post(`/app/admin/sla/calendars/${id}/holidays`, { date: '2026-12-31' })).status).toBe(200);
    expect((await calendarRow(id))!.holidays).toEqual([
      { date: '2026-12-25', recurring: true, name: 'Christmas' },
      { date: '2026-12-31', recurring: false },
    ]);

    const bad = await admin.post(`/app/admin/sla/calendars/${id}/holidays`, { date: '2026-02-30', name: 'Nope' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="holiday-date-error"[^>]*>must be a date that exists/);
    const again = await admin.post(`/app/admin/sla/calendars/${id}/holidays`, { date: '2026-12-25', recurring: 'on' });
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/id="holiday-date-error"[^>]*>2026-12-25 is already a yearly holiday/);
    expect((await calendarRow(id))!.holidays).toHaveLength(2);

    await forgetRecompute(owner.orgId);
    const removed = await admin.post(`/app/admin/sla/calendars/${id}/holidays/remove`, { date: '2026-12-25', recurring: 'on' });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain('Holiday removed');
    expect((await calendarRow(id))!.holidays).toEqual([{ date: '2026-12-31', recurring: false }]);
    expect(await recomputeJobs(owner.orgId)).toBe(1);
    const gone = await admin.post(`/app/admin/sla/calendars/${id}/holidays/remove`, { date: '2026-12-25', recurring: 'on' });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('2026-12-25 is not a holiday of this calendar');
  });

  it('deletes a calendar no policy uses, and refuses (409) one a policy uses, naming the policy', async () => {
    const { owner, admin } = await adminOf('sla-cal-delete');
    const used = await apiCalendar(owner, 'Used');
    const spare = await apiCalendar(owner, 'Spare');
    await apiPolicy(owner, 'Gold', used);
    expect(await (await admin.get(`/app/admin/sla/calendars/${used}`)).text()).toContain('Used by the policy Gold');

    const refused = await admin.post(`/app/admin/sla/calendars/${used}/delete`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('The SLA policy &quot;Gold&quot; uses this calendar; give it another calendar first');
    expect(await calendarRow(used)).toBeDefined();

    const deleted = await admin.post(`/app/admin/sla/calendars/${spare}/delete`);
    expect(deleted.status).toBe(200);
    expect(deleted.headers.get('hx-replace-url')).toBe('/app/admin/sla');
    expect(await deleted.text()).toContain('Calendar “Spare” deleted');
    expect(await calendarRow(spare)).toBeUndefined();
  });
});

describe('admin SLA page: policies', () => {
  it('creates a policy with conditions, targets in business or calendar time, pauses, warning and escalation, then edits it', async () => {
    const { owner, admin } = await adminOf('sla-pol-new');
    const calendarId = await apiCalendar(owner, 'Office');
    const teamRes = await t.request('/api/v1/teams', { method: 'POST', as: owner, body: { name: 'Billing' } });
    const teamId = ((await teamRes.json()) as { id: string }).id;
    const form = await admin.get('/app/admin/sla/policies/new');
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain(`<option value="${calendarId}" selected="">Office</option>`);
    expect(formHtml).toContain(`name="team_${teamId}"`);

    const created = await admin.post('/app/admin/sla/policies', {
      name: 'Gold',
      calendar_id: calendarId,
      active: 'on',
      priority_urgent: 'on',
      priority_high: 'on',
      channel_email: 'on',
      [`team_${teamId}`]: 'on',
      tags: 'vip, billing',
      company: 'Acme, Inc.\r\nGlobex',
      t_urgent_first_response: '30m',
      b_urgent_first_response: 'on',
      t_urgent_resolution: '4h',
      t_high_first_response: '1h 30m',
      b_high_first_response: 'on',
      pause_pending: 'on',
      warn_percent: '75',
      escalate_priority: 'urgent',
      escalate_team_id: teamId,
    });
    expect(created.status).toBe(200);
    const [row] = await t.owner`
      select id, name, active, conditions, targets, pause_statuses::text[] as pause_statuses, warn_percent, escalate_priority::text, escalate_team_id
      from sla_policies where org_id = ${owner.orgId}`;
    expect(row).toMatchObject({
      name: 'Gold',
      active: true,
      conditions: { priority: ['high', 'urgent'], channel: ['email'], team_id: [teamId], tags: ['vip', 'billing'], company: ['Acme, Inc.', 'Globex'] },
      targets: {
        urgent: { first_response: { minutes: 30, business_hours: true }, resolution: { minutes: 240, business_hours: false } },
        high: { first_response: { minutes: 90, business_hours: true } },
      },
      pause_statuses: ['pending'],
      warn_percent: 75,
      escalate_priority: 'urgent',
      escalate_team_id: teamId,
    });
    expect(created.headers.get('hx-push-url')).toBe(`/app/admin/sla/policies/${row!.id}`);
    const page = await (await admin.get(`/app/admin/sla/policies/${row!.id}`)).text();
    expect(page).toMatch(/name="t_urgent_resolution" value="4h"/);
    expect(page).toMatch(/name="t_high_first_response" value="1h 30m"/);
    // Calendar time is kept where chosen; an empty box stays ready for business time.
    expect(page).not.toMatch(/name="b_urgent_resolution" value="on" checked/);
    expect(page).toMatch(/name="b_low_resolution" value="on" checked/);
    expect(await (await admin.get('/app/admin/sla')).text()).toContain('urgent: first response 30 mins (business), resolution 4 hrs');

    await forgetRecompute(owner.orgId);
    const edited = await admin.post(`/app/admin/sla/policies/${row!.id}`, {
      name: 'Gold plus',
      calendar_id: calendarId,
      active: 'on',
      t_urgent_resolution: '120',
      warn_percent: '80',
      escalate_priority: '',
      escalate_team_id: '',
    });
    expect(edited.status).toBe(200);
    expect(await edited.text()).toContain('Policy saved');
    const [after] = await t.owner`select name, conditions, targets, pause_statuses::text[] as pause_statuses, escalate_priority, escalate_team_id from sla_policies where id = ${row!.id}`;
    expect(after).toEqual({
      name: 'Gold plus',
      conditions: {},
      targets: { urgent: { resolution: { minutes: 120, business_hours: false } } },
      pause_statuses: [],
      escalate_priority: null,
      escalate_team_id: null,
    });
    expect(await recomputeJobs(owner.orgId)).toBe(1);
  });

  it('refuses a bad policy with 422 and the reasons beside the fields, writing nothing', async () => {
    const { owner, admin } = await adminOf('sla-pol-bad');
    const calendarId = await apiCalendar(owner, 'Office');
    const bad = await admin.post('/app/admin/sla/policies', { name: '', calendar_id: calendarId, t_urgent_first_response: 'soon', t_low_resolution: '0', tags: 'bad tag!!', warn_percent: '150' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/id="policy-name-error"[^>]*>must not be empty/);
    expect(html).toMatch(/id="policy-t_urgent_first_response-error"[^>]*>must be a duration like 4h, 90m or 1h 30m/);
    expect(html).toMatch(/id="policy-t_low_resolution-error"[^>]*>must be at least 1/);
    expect(html).toMatch(/id="policy-tags-error"[^>]*>must be 1-50 letters, digits or _-.:\//);
    expect(html).toMatch(/id="policy-warn_percent-error"[^>]*>must be a whole number from 1 to 99/);
    expect(html).toContain('value="soon"');
    const none = await admin.post('/app/admin/sla/policies', { name: 'Empty', calendar_id: calendarId, warn_percent: '80' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Set at least one target, e.g. 4h for the first response to urgent tickets.');
    expect(await policyRows(owner.orgId)).toHaveLength(0);

    const id = await apiPolicy(owner, 'Gold', calendarId);
    await forgetRecompute(owner.orgId);
    const badEdit = await admin.post(`/app/admin/sla/policies/${id}`, { name: 'Renamed', calendar_id: calendarId, t_urgent_first_response: '2 weeks', warn_percent: '80' });
    expect(badEdit.status).toBe(422);
    expect(await badEdit.text()).toMatch(/id="policy-t_urgent_first_response-error"[^>]*>must be a duration/);
    expect((await policyRows(owner.orgId)).map((p) => p.name)).toEqual(['Gold']);
    expect(await recomputeJobs(owner.orgId)).toBe(0);
  });

  it('moves policies up and down, disables and enables one, and deletes one', async () => {
    const { owner, admin } = await adminOf('sla-pol-order');
    const calendarId = await apiCalendar(owner, 'Office');
    const gold = await apiPolicy(owner, 'Gold', calendarId);
    const silver = await apiPolicy(owner, 'Silver', calendarId);
    const bronze = await apiPolicy(owner, 'Bronze', calendarId);
    const names = async () => (await policyRows(owner.orgId)).map((p) => p.name);

    const up = await admin.post(`/app/admin/sla/policies/${bronze}/move`, { direction: 'up' });
    expect(up.status).toBe(200);
    expect(await names()).toEqual(['Gold', 'Bronze', 'Silver']);
    const html = await up.text();
    expect(html.indexOf('>Bronze<')).toBeLessThan(html.indexOf('>Silver<'));
    expect((await admin.post(`/app/admin/sla/policies/${gold}/move`, { direction: 'down' })).status).toBe(200);
    expect(await names()).toEqual(['Bronze', 'Gold', 'Silver']);
    expect((await admin.post(`/app/admin/sla/policies/${bronze}/move`, { direction: 'up' })).status).toBe(200);
    expect(await names()).toEqual(['Bronze', 'Gold', 'Silver']);
    expect((await admin.post(`/app/admin/sla/policies/${gold}/move`, { direction: 'sideways' })).status).toBe(422);

    const off = await admin.post(`/app/admin/sla/policies/${silver}/active`, { active: 'off' });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain('Policy “Silver” disabled');
    expect((await policyRows(owner.orgId)).find((p) => p.id === silver)!.active).toBe(false);
    expect((await admin.post(`/app/admin/sla/policies/${silver}/active`, { active: 'on' })).status).toBe(200);
    expect((await policyRows(owner.orgId)).find((p) => p.id === silver)!.active).toBe(true);

    const deleted = await admin.post(`/app/admin/sla/policies/${gold}/delete`);
    expect(deleted.status).toBe(200);
    expect(deleted.headers.get('hx-replace-url')).toBe('/app/admin/sla');
    expect(await deleted.text()).toContain('Policy “Gold” deleted');
    expect(await names()).toEqual(['Bronze', 'Silver']);
    const audited = await t.owner<{ action: string }[]>`select action from audit_log where org_id = ${owner.orgId} and action like 'sla_policy.%' order by seq`;
    expect(audited.map((a) => a.action)).toEqual([
      'sla_policy.create',
      'sla_policy.create',
      'sla_policy.create',
      'sla_policy.reorder',
      'sla_policy.reorder',
      'sla_policy.update',
      'sla_policy.update',
      'sla_policy.delete',
    ]);
  });
});

describe('admin SLA page: who may', () => {
  it('is 403 for a lead on every SLA page and form', async () => {
    const { owner } = await adminOf('sla-lead');
    const calendarId = await apiCalendar(owner, 'Office');
    const policyId = await apiPolicy(owner, 'Gold', calendarId);
    const lead = await browser.signIn(await t.member(owner, 'lead'), 'sla-lead');
    for (const path of ['/app/admin/sla', '/app/admin/sla/calendars/new', `/app/admin/sla/calendars/${calendarId}`, '/app/admin/sla/policies/new', `/app/admin/sla/policies/${policyId}`]) {
      expect([path, (await lead.get(path)).status]).toEqual([path, 403]);
    }
    const posts: [string, Record<string, string>][] = [
      ['/app/admin/sla/calendars', { name: 'X', time_zone: 'UTC', always_open: 'on' }],
      [`/app/admin/sla/calendars/${calendarId}`, { name: 'X', time_zone: 'UTC', always_open: 'on' }],
      [`/app/admin/sla/calendars/${calendarId}/holidays`, { date: '2026-12-25' }],
      [`/app/admin/sla/calendars/${calendarId}/holidays/remove`, { date: '2026-12-25', recurring: 'off' }],
      [`/app/admin/sla/calendars/${calendarId}/delete`, {}],
      ['/app/admin/sla/policies', { name: 'X', calendar_id: calendarId, t_low_resolution: '1h', warn_percent: '80' }],
      [`/app/admin/sla/policies/${policyId}`, { name: 'X', calendar_id: calendarId, t_low_resolution: '1h', warn_percent: '80' }],
      [`/app/admin/sla/policies/${policyId}/active`, { active: 'off' }],
      [`/app/admin/sla/policies/${policyId}/move`, { direction: 'down' }],
      [`/app/admin/sla/policies/${policyId}/delete`, {}],
    ];
    for (const [path, fields] of posts) expect([path, (await lead.post(path, fields)).status]).toEqual([path, 403]);
    expect(await calendarRow(calendarId)).toMatchObject({ name: 'Office', holidays: [] });
    expect(await policyRows(owner.orgId)).toMatchObject([{ name: 'Gold', active: true }]);
  });

  it('answers 404 for another org’s calendar or policy on every page and form, changing nothing', async () => {
    const { owner } = await adminOf('sla-mine');
    const calendarId = await apiCalendar(owner, 'Office');
    const policyId = await apiPolicy(owner, 'Gold', calendarId);
    await t.request(`/api/v1/sla/calendars/${calendarId}`, { method: 'PATCH', as: owner, body: { holidays: [{ date: '2026-12-25', recurring: true }] } });
    const { owner: otherOwner, admin: other } = await adminOf('sla-theirs');
    const theirCalendar = await apiCalendar(otherOwner, 'Theirs');
    for (const path of [`/app/admin/sla/calendars/${calendarId}`, `/app/admin/sla/policies/${policyId}`]) {
      expect([path, (await other.get(path)).status]).toEqual([path, 404]);
    }
    const posts: [string, Record<string, string>][] = [
      [`/app/admin/sla/calendars/${calendarId}`, { name: 'Stolen', time_zone: 'UTC', always_open: 'on' }],
      [`/app/admin/sla/calendars/${calendarId}/holidays`, { date: '2026-01-01' }],
      [`/app/admin/sla/calendars/${calendarId}/holidays/remove`, { date: '2026-12-25', recurring: 'on' }],
      [`/app/admin/sla/calendars/${calendarId}/delete`, {}],
      [`/app/admin/sla/policies/${policyId}`, { name: 'Stolen', calendar_id: theirCalendar, t_low_resolution: '1h', warn_percent: '80' }],
      [`/app/admin/sla/policies/${policyId}/active`, { active: 'off' }],
      [`/app/admin/sla/policies/${policyId}/move`, { direction: 'down' }],
      [`/app/admin/sla/policies/${policyId}/delete`, {}],
    ];
    for (const [path, fields] of posts) expect([path, (await other.post(path, fields)).status]).toEqual([path, 404]);
    expect(await calendarRow(calendarId)).toMatchObject({ name: 'Office', holidays: [{ date: '2026-12-25', recurring: true }] });
    expect(await policyRows(owner.orgId)).toMatchObject([{ name: 'Gold', active: true }]);
    // Their own policy may not name my calendar either: a 422 beside nothing but the form, not a write.
    const borrowed = await other.post('/app/admin/sla/policies', { name: 'Borrowed', calendar_id: calendarId, t_low_resolution: '1h', warn_percent: '80' });
    expect(borrowed.status).toBe(422);
    expect(await borrowed.text()).toContain(`No SLA calendar ${calendarId} in this organization`);
    expect(await policyRows(otherOwner.orgId)).toHaveLength(0);
  });
});
