import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

describe('admin SLA page', () => {
  it('adds a calendar from the form, refuses a bad zone beside its field, lists policies, and is 403 for a lead', async () => {
    const owner = await t.org('adm-sla');
    const admin = await browser.signIn(owner, 'adm-sla');
    const page = await admin.get('/app/admin/sla');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('No calendars yet');

    const bad = await admin.post('/app/admin/sla/calendars', { name: 'Office', time_zone: 'Mars/Olympus', day_1: 'on', start: '09:00', end: '17:00' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="calendar-time_zone-error"[^>]*>must be an IANA time zone/);
    const noDays = await admin.post('/app/admin/sla/calendars', { name: 'Office', time_zone: 'Europe/Berlin', start: '09:00', end: '17:00' });
    expect(noDays.status).toBe(400);
    expect(await noDays.text()).toContain('send weekly intervals, or always_open: true');

    const ok = await admin.post('/app/admin/sla/calendars', { name: 'Office', time_zone: 'Europe/Berlin', day_1: 'on', day_2: 'on', start: '09:00', end: '17:00' });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('Calendar “Office” added');
    expect(html).toContain('Mon 09:00–17:00, Tue 09:00–17:00');
    const [cal] = await t.owner<{ id: string }[]>`select id from sla_calendars where org_id = ${owner.orgId}`;

    const policy = await t.request('/api/v1/sla/policies', { method: 'POST', as: owner, body: { name: 'Urgent first', calendar_id: cal!.id, targets: { urgent: { first_response: { minutes: 30 } } } } });
    expect(policy.status).toBe(201);
    const withPolicy = await (await admin.get('/app/admin/sla')).text();
    expect(withPolicy).toContain('Urgent first');
    expect(withPolicy).toContain('urgent: first response 30 min (business)');

    const other = await browser.signIn(await t.org('adm-sla-2'), 'adm-sla-2');
    const theirs = await (await other.get('/app/admin/sla')).text();
    expect(theirs).not.toContain('Urgent first');
    const lead = await browser.signIn(await t.member(owner, 'lead'), 'adm-sla');
    expect((await lead.get('/app/admin/sla')).status).toBe(403);
    expect((await lead.post('/app/admin/sla/calendars', { name: 'X', time_zone: 'UTC', always_open: 'on' })).status).toBe(403);
  });
});
