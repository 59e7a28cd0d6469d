import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t } = b;

describe('a help desk is set up in chromium', () => {
  it('an admin adds a mailbox and edits a field’s options; an agent makes a personal macro and uses it from a ticket’s composer; no console errors or CSP violations', async () => {
    const owner = await t.org('browser-setup');
    const agent = await t.member(owner, 'agent', 'ada@browser-setup.test');
    await t.owner`update users set name = 'Ada Agent' where id = ${agent.userId}`;
    const fieldRes = await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'] } });
    const fieldId = ((await fieldRes.json()) as { id: string }).id;
    const ticketRes = await t.request('/api/v1/tickets', {
      method: 'POST',
      as: owner,
      body: { subject: 'Printer on fire', body: 'It smokes.', requester: { email: 'grace@customer.test', name: 'Grace Hopper' }, custom_fields: { plan: 'Pro' } },
    });
    const ticketNumber = ((await ticketRes.json()) as { number: number }).number;

    // The admin: a mailbox from the form, its URL pushed, the password never shown back.
    const { page, problems } = await b.newPage();
    page.on('dialog', (d) => void d.accept());
    await b.signIn(page, 'browser-setup', owner.email, '/app/admin/mailboxes');
    await page.getByRole('link', { name: 'New mailbox' }).click();
    await page.waitForURL(`${b.origin}/app/admin/mailboxes/new`);
    await page.waitForFunction('window.htmx !== undefined');
    await page.evaluate('window.samePage = true');
    await page.getByLabel('Name', { exact: true }).fill('Support');
    await page.getByLabel('Email address').fill('help@browser-setup.test');
    await page.getByLabel('Display name').fill('Acme Support');
    await page.getByLabel('IMAP server').fill('imap.browser-setup.test');
    await page.getByLabel('IMAP user').fill('help@browser-setup.test');
    await page.getByLabel('IMAP password').fill('imap-secret');
    await page.getByLabel('SMTP server').fill('smtp.browser-setup.test');
    await page.getByLabel('SMTP user').fill('help@browser-setup.test');
    await page.getByLabel('SMTP password').fill('smtp-secret');
    await page.getByRole('button', { name: 'Create mailbox' }).click();
    await page.waitForURL(/\/app\/admin\/mailboxes\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('status').first().textContent()).toContain('Mailbox “Support” created.');
    expect(await page.evaluate('window.samePage')).toBe(true);
    expect(await page.getByLabel('IMAP password').inputValue()).toBe('');
    const [box] = await t.owner<{ id: string; from_name: string; imap_host: string; smtp_port: number }[]>`select id, from_name, imap_host, smtp_port from mailboxes where org_id = ${owner.orgId}`;
    expect(box).toMatchObject({ from_name: 'Acme Support', imap_host: 'imap.browser-setup.test', smtp_port: 587 });
    expect(page.url()).toBe(`${b.origin}/app/admin/mailboxes/${box!.id}`);
    await b.shot(page, 'admin-setup-mailbox');

    // The field: an option added, then removing one a ticket holds is refused beside the options.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Custom fields' }).click();
    await page.waitForURL(`${b.origin}/app/admin/fields`);
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.waitForURL(`${b.origin}/app/admin/fields/${fieldId}`);
    await page.waitForFunction('window.htmx !== undefined');
    await page.evaluate('window.samePage = true');
    await page.getByLabel('Options').fill('Free\nPro\nEnterprise');
    await page.getByRole('button', { name: 'Save field' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Field saved.');
    expect((await t.owner<{ options: string[] }[]>`select options from custom_fields where id = ${fieldId}`)[0]!.options).toEqual(['Free', 'Pro', 'Enterprise']);
    await page.getByLabel('Options').fill('Free\nEnterprise');
    await page.getByRole('button', { name: 'Save field' }).click();
    await expect.poll(() => page.locator('#field-options-error').textContent()).toContain('1 ticket still holds "Pro": change it first');
    expect(await page.getByLabel('Options').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('window.samePage')).toBe(true);
    expect((await t.owner<{ options: string[] }[]>`select options from custom_fields where id = ${fieldId}`)[0]!.options).toEqual(['Free', 'Pro', 'Enterprise']);
    await b.shot(page, 'admin-setup-field-refused');
    // Chromium logs every 4xx answer it loads; the refusal just shown is the only line allowed.
    expect(problems.all()).toEqual([`console.error: Failed to load resource: the server responded with a status of 409 (Conflict) (${b.origin}/app/admin/fields/${fieldId}:0)`]);

    // The agent: a personal macro from the Macros page, then applied on a ticket.
    const { page: agentPage, problems: agentProblems } = await b.newPage();
    await b.signIn(agentPage, 'browser-setup', agent.email);
    await agentPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Macros' }).click();
    await agentPage.waitForURL(`${b.origin}/app/macros`);
    await agentPage.getByRole('link', { name: 'New macro' }).click();
    await agentPage.waitForURL(`${b.origin}/app/macros/new`);
    await agentPage.waitForFunction('window.htmx !== undefined');
    await agentPage.getByLabel('Name', { exact: true }).fill('Looking into it');
    await agentPage.getByLabel('Text', { exact: true }).fill('Hi {{requester.first_name}}, I am on ticket #{{ticket.number}}. {{agent.name}}');
    await agentPage.getByLabel('Set the status to').selectOption('pending');
    await agentPage.getByLabel('Add tags').fill('followup');
    await agentPage.getByRole('button', { name: 'Create macro' }).click();
    await agentPage.waitForURL(/\/app\/macros\/[0-9a-f-]{36}$/);
    expect(await agentPage.getByRole('status').textContent()).toContain('Macro “Looking into it” created');
    await b.shot(agentPage, 'admin-setup-macro');

    await agentPage.goto(`${b.origin}/app/tickets/${ticketNumber}`);
    await agentPage.waitForFunction('window.htmx !== undefined');
    await agentPage.getByLabel('Canned response').selectOption({ label: 'Looking into it' });
    await agentPage.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => agentPage.locator('#composer-body').inputValue()).toBe(`Hi Grace, I am on ticket #${ticketNumber}. Ada Agent`);
    expect(await agentPage.locator('#composer [role="status"]').textContent()).toContain('Applied “Looking into it”; status is now Pending');
    const [ticket] = await t.owner<{ status: string; tags: string[] }[]>`select status::text, tags from tickets where org_id = ${owner.orgId} and number = ${ticketNumber}`;
    expect(ticket).toEqual({ status: 'pending', tags: ['followup'] });
    await b.shot(agentPage, 'admin-setup-macro-applied');
    expect(agentProblems.all()).toEqual([]);
  });
});
