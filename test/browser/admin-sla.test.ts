import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t } = b;

describe('an admin sets up SLA in chromium', () => {
  it('adds a yearly holiday to a calendar and creates a policy without a page load, with no console errors or CSP violations', async () => {
    const owner = await t.org('browser-sla');
    const cal = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name: 'Office', time_zone: 'Europe/Berlin', weekly: [{ weekday: 1, start: '09:00', end: '17:00' }] } });
    const calendarId = ((await cal.json()) as { id: string }).id;

    const { page, problems } = await b.newPage();
    await b.signIn(page, 'browser-sla', owner.email, '/app/admin/sla');
    await page.getByRole('link', { name: 'Office' }).click();
    await page.waitForURL(`${b.origin}/app/admin/sla/calendars/${calendarId}`);
    await page.waitForFunction('window.htmx !== undefined');
    // Set on the window: a full page load would lose it.
    await page.evaluate('window.samePage = true');

    await page.getByLabel('Date').fill('2026-12-25');
    await page.getByLabel('Name (optional)').fill('Christmas');
    await page.getByLabel('Every year on this day').check();
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await expect.poll(() => page.locator('#holidays tbody tr').count()).toBe(1);
    expect(await page.locator('#holidays tbody').textContent()).toContain('25 DecemberChristmasEvery year');
    expect(await page.locator('#holidays [role="status"]').textContent()).toBe('Holiday “Christmas” added.');
    expect(await page.evaluate('window.samePage')).toBe(true);
    const [row] = await t.owner<{ holidays: unknown }[]>`select holidays from sla_calendars where id = ${calendarId}`;
    expect(row!.holidays).toEqual([{ date: '2026-12-25', recurring: true, name: 'Christmas' }]);
    await b.shot(page, 'admin-sla-calendar-holiday');

    await page.getByRole('link', { name: '← All calendars and policies' }).click();
    await page.waitForURL(`${b.origin}/app/admin/sla`);
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.waitForURL(`${b.origin}/app/admin/sla/policies/new`);
    await page.waitForFunction('window.htmx !== undefined');
    await page.evaluate('window.samePage = true');

    await page.getByLabel('Name', { exact: true }).fill('Urgent customers');
    await page.getByRole('group', { name: 'Priority', exact: true }).getByLabel('Urgent').check();
    await page.getByLabel('Urgent: first response', { exact: true }).fill('30m');
    await page.getByLabel('Urgent: resolution', { exact: true }).fill('4h');
    await page.getByLabel('Urgent: resolution in business hours').uncheck();
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.waitForURL(/\/app\/admin\/sla\/policies\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('status').textContent()).toContain('Policy “Urgent customers” created');
    expect(await page.getByLabel('Urgent: resolution', { exact: true }).inputValue()).toBe('4h');
    expect(await page.evaluate('window.samePage')).toBe(true);
    const [policy] = await t.owner<{ id: string; conditions: unknown; targets: unknown }[]>`select id, conditions, targets from sla_policies where org_id = ${owner.orgId}`;
    expect(page.url()).toBe(`${b.origin}/app/admin/sla/policies/${policy!.id}`);
    expect(policy).toMatchObject({
      conditions: { priority: ['urgent'] },
      targets: { urgent: { first_response: { minutes: 30, business_hours: true }, resolution: { minutes: 240, business_hours: false } } },
    });
    await b.shot(page, 'admin-sla-policy-created');

    // The pushed URL is a real page: a reload shows the same policy.
    await page.reload();
    expect(await page.getByLabel('Urgent: first response', { exact: true }).inputValue()).toBe('30m');
    await page.goto(`${b.origin}/app/admin/sla`);
    expect(await page.locator('#admin-body').textContent()).toContain('urgent: first response 30 mins (business), resolution 4 hrs');
    await b.shot(page, 'admin-sla-overview');
    expect(problems.all()).toEqual([]);
  });
});
