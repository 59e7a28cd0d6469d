import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t, origin } = b;

describe('admin pages and the customer portal in chromium', () => {
  it('an admin invites a user and creates a team without a page reload', async () => {
    const owner = await t.org('browser-admin');
    await t.member(owner, 'agent', 'ada@browser-admin.test');
    const { page, problems } = await b.newPage();
    let loads = 0;
    page.on('load', () => loads++);

    await b.signIn(page, 'browser-admin', owner.email);
    await page.waitForURL(`${origin}/app`);
    await page.locator('header.topbar nav a', { hasText: 'Admin' }).click();
    await page.waitForURL(`${origin}/app/admin`);
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.waitForURL(`${origin}/app/admin/users`);
    await page.waitForFunction('window.htmx !== undefined');
    const loadsBefore = loads;

    // A bad address first: the message appears beside the field.
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Email').evaluate((el) => el.removeAttribute('type'));
    await page.getByRole('button', { name: /Send invitation/ }).click();
    await expect.poll(() => page.locator('#invite-email-error').textContent()).toContain('must be an email address');
    await page.getByLabel('Email').fill('newbie@browser-admin.test');
    await page.getByLabel('Role', { exact: true }).selectOption('lead');
    await page.getByRole('button', { name: /Send invitation/ }).click();
    await page.getByText('Invitation sent to newbie@browser-admin.test').waitFor();
    await page.locator('section[aria-labelledby="invitations-heading"] td', { hasText: 'newbie@browser-admin.test' }).waitFor();
    const invites = await t.owner`select count(*)::int as n from invitations where org_id = ${owner.orgId} and email = 'newbie@browser-admin.test'`;
    expect(invites[0]!.n).toBe(1);
    await b.shot(page, 'admin-invite');

    await page.locator('nav.subnav a', { hasText: 'Teams' }).click();
    await page.waitForURL(`${origin}/app/admin/teams`);
    await page.waitForFunction('window.htmx !== undefined');
    const teamLoads = loads;
    await page.getByLabel('Name').fill('Billing');
    await page.getByRole('button', { name: /Create team/ }).click();
    await page.getByText('Team “Billing” created').waitFor();
    await page.getByLabel('ada@browser-admin.test').check();
    await page.getByRole('button', { name: 'Save members of Billing' }).click();
    await page.getByText('Members of “Billing” saved').waitFor();
    await b.shot(page, 'admin-team');

    expect(loads - teamLoads).toBe(0);
    expect(loadsBefore).toBeGreaterThan(0);
    const [team] = await t.owner`select (select count(*)::int from team_members m where m.team_id = t.id) as members from teams t where t.org_id = ${owner.orgId} and name = 'Billing'`;
    expect(team!.members).toBe(1);
    // Chromium logs every 4xx fetch as a console error; the one refused invitation above is the
    // only one expected, and it must be there exactly once.
    const refused = `console.error: Failed to load resource: the server responded with a status of 400 (Bad Request) (${origin}/app/admin/users/invite:0)`;
    expect(problems.all()).toEqual([refused]);
    await page.close();
  });

  it('a customer opens a request with an attachment in the portal and replies', async () => {
    const owner = await t.org('browser-portal');
    await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'], visible_to_customers: true } });
    const cleo = await t.member(owner, 'customer', 'cleo@browser-portal.test');
    const { page, problems } = await b.newPage();

    await b.signIn(page, 'browser-portal', cleo.email);
    await page.waitForURL(`${origin}/portal`);
    await page.getByText('You have no requests yet').waitFor();
    await page.locator('main').getByRole('link', { name: 'New request' }).click();
    await page.waitForURL(`${origin}/portal/new`);
    await page.waitForFunction('window.htmx !== undefined');
    await page.getByLabel('Subject').fill('Invoice is wrong');
    await page.getByLabel('Describe your request').fill('The total is off by 10.');
    await page.getByLabel('Plan').selectOption('Pro');
    await page.getByLabel('Attachment (optional)').setInputFiles({ name: 'invoice.txt', mimeType: 'text/plain', buffer: Buffer.from('line 1\nline 2\n') });
    await b.shot(page, 'portal-new');
    await page.getByRole('button', { name: /Send request/ }).click();
    await page.waitForURL(/\/portal\/tickets\/\d+$/);
    await page.getByRole('link', { name: 'invoice.txt' }).waitFor();

    const number = Number(new URL(page.url()).pathname.split('/').pop());
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'Secret internal note', internal: true } });
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'We corrected the invoice.' } });
    await page.reload();
    await page.waitForFunction('window.htmx !== undefined');
    await page.getByText('We corrected the invoice.').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Secret internal note');

    await page.getByLabel('Your message').fill('Thanks, all good now.');
    await page.getByLabel('Attachment (optional)').setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('paid') });
    await page.getByRole('button', { name: /Send reply/ }).click();
    await page.getByText('Reply sent.').waitFor();
    await page.getByText('Thanks, all good now.').waitFor();
    await page.getByRole('link', { name: 'receipt.txt' }).waitFor();
    await b.shot(page, 'portal-reply');

    const rows = await t.owner`select count(*)::int as n from messages where org_id = ${owner.orgId} and ticket_number = ${number} and not internal`;
    expect(rows[0]!.n).toBe(3);
    expect(problems.all()).toEqual([]);
    await page.close();
  });
});
