import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t } = b;

describe('company sharing, in chromium', () => {
  it("an admin lets a customer see their company's requests; the customer reads a colleague's request, without a reply form", async () => {
    const owner = await t.org('company-story');
    const ann = await t.member(owner, 'customer', 'ann@acme-story.test');
    const bob = await t.member(owner, 'customer', 'bob@acme-story.test');
    await t.owner`update users set name = 'Bob Builder' where id = ${bob.userId}`;
    await t.owner`update memberships set company = 'Acme' where org_id = ${owner.orgId} and user_id = ${bob.userId}`;
    const created = await t.request('/api/v1/tickets', { method: 'POST', as: bob, body: { subject: 'Badge reader offline', body: 'The front door badge reader shows no light.' } });
    const { number } = (await created.json()) as { number: number };
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'Staff only: the reader is on the old firmware', internal: true } });
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'A technician comes on Tuesday.' } });

    // The admin sets Ann's company and ticks the box, in her row, without a page load.
    const admin = await b.newPage();
    await b.signIn(admin.page, 'company-story', owner.email);
    await admin.page.goto(`${b.origin}/app/admin/users`);
    await admin.page.waitForFunction('window.htmx !== undefined');
    await admin.page.getByLabel(`Company of ${ann.email}`, { exact: true }).fill('Acme');
    const row = admin.page.getByRole('row').filter({ hasText: ann.email });
    await row.getByLabel("May see their company's requests").check();
    await row.getByRole('button', { name: `Save the company of ${ann.email}` }).click();
    await admin.page.getByText('Saved: they now see the requests of everyone at Acme.').waitFor();
    expect(await admin.page.getByLabel(`Company of ${ann.email}`, { exact: true }).inputValue()).toBe('Acme');
    await b.shot(admin.page, 'company-1-admin-users');
    expect(admin.problems.all()).toEqual([]);
    const [m] = await t.owner`select company, sees_company_tickets from memberships where user_id = ${ann.userId}`;
    expect(m).toEqual({ company: 'Acme', sees_company_tickets: true });

    // Ann sees Bob's request under her company's, opens it, and cannot reply.
    const customer = await b.newPage();
    await customer.page.setViewportSize({ width: 390, height: 844 });
    await b.signIn(customer.page, 'company-story', ann.email);
    const section = customer.page.locator('#company-requests');
    await section.getByRole('heading', { name: "My company's requests" }).waitFor();
    expect(await section.getByRole('row').filter({ hasText: 'Badge reader offline' }).textContent()).toContain('Bob Builder');
    await b.shot(customer.page, 'company-2-portal-list');
    await section.getByRole('link', { name: 'Badge reader offline' }).click();
    await customer.page.waitForURL(`${b.origin}/portal/tickets/${number}`);
    const conversation = customer.page.getByRole('list', { name: 'Conversation' });
    await conversation.getByText('A technician comes on Tuesday.').waitFor();
    expect(await conversation.getByRole('listitem').filter({ hasText: 'Bob Builder' }).count()).toBe(1);
    await customer.page.getByText('only they and the support team can reply to it').waitFor();
    expect(await customer.page.getByLabel('Your message').count()).toBe(0);
    expect(await customer.page.content()).not.toContain('old firmware');
    await b.shot(customer.page, 'company-3-portal-colleague-request');
    expect(customer.problems.all()).toEqual([]);
  }, 120_000);
});
