import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t } = b;

/** Fills and sends the "Add a field" form; `options` one per line. */
async function addField(page: Page, f: { label: string; key: string; type: string; options?: string; customers: boolean }): Promise<void> {
  const form = page.locator('form[hx-post="/app/admin/fields"]');
  await form.getByLabel('Label').fill(f.label);
  await form.getByLabel('Key').fill(f.key);
  await form.getByLabel('Type').selectOption({ label: f.type });
  await form.getByLabel('Options').fill(f.options ?? '');
  await form.getByLabel('Customers see and fill in this field').setChecked(f.customers);
  await form.getByRole('button', { name: /Add field/ }).click();
}

describe('an admin adds custom fields in chromium, and agents and customers see them where they should', () => {
  it('a dropdown for customers shows on the sidebar and the portal form; an agent-only field only on the sidebar', async () => {
    const owner = await t.org('fields-story');
    const agent = await t.member(owner, 'agent', 'ada@fields-story.test');
    const cleo = await t.member(owner, 'customer', 'cleo@fields-story.test');
    const created = await t.request('/api/v1/tickets', { method: 'POST', as: cleo, body: { subject: 'Paper tray stuck', body: 'The tray will not slide out.' } });
    const number = ((await created.json()) as { number: number }).number;

    // The admin finds the page from the top bar. A dropdown without options is refused beside
    // the Options box, what was typed stays, and nothing is kept. Chromium logs the refused post
    // (a 400) as a console error: that one, and nothing else, is on this page.
    const refused = await b.newPage();
    await b.signIn(refused.page, 'fields-story', owner.email);
    await refused.page.locator('header.topbar nav a', { hasText: 'Admin' }).click();
    await refused.page.waitForURL(`${b.origin}/app/admin`);
    await refused.page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Custom fields' }).click();
    await refused.page.waitForURL(`${b.origin}/app/admin/fields`);
    await refused.page.waitForFunction('window.htmx !== undefined');
    await refused.page.getByText('No custom fields yet').waitFor();
    await addField(refused.page, { label: 'Product', key: 'product', type: 'Dropdown (one option)', customers: true });
    await expect.poll(() => refused.page.locator('#field-options-error').textContent()).toContain('at least one option');
    expect(await refused.page.getByLabel('Label').inputValue()).toBe('Product');
    await b.shot(refused.page, 'fields-1-refused');
    expect(refused.problems.all()).toEqual([`console.error: Failed to load resource: the server responded with a status of 400 (Bad Request) (${b.origin}/app/admin/fields:0)`]);
    await refused.page.close();
    expect((await t.owner`select count(*)::int as n from custom_fields where org_id = ${owner.orgId}`)[0]!.n).toBe(0);

    // The admin adds the two fields.
    const admin = await b.newPage();
    await b.signIn(admin.page, 'fields-story', owner.email, '/app/admin/fields');
    await addField(admin.page, { label: 'Product', key: 'product', type: 'Dropdown (one option)', options: 'Printer\nScanner\nCopier', customers: true });
    await admin.page.getByText('Field “Product” added.').waitFor();
    await addField(admin.page, { label: 'Root cause', key: 'root_cause', type: 'Text', customers: false });
    await admin.page.getByText('Field “Root cause” added.').waitFor();
    const cells = await admin.page.evaluate<string[][]>(
      `[...document.querySelectorAll('section[aria-labelledby="fields-heading"] tbody tr')].map((tr) => [...tr.cells].map((td) => td.innerText.replace(/\\s+/g, ' ').trim()))`,
    );
    expect(cells).toEqual([
      ['Product', 'product', 'Dropdown (one option) Printer, Scanner, Copier', 'Yes', 'No', 'Up Down Archive'],
      ['Root cause', 'root_cause', 'Text', 'No', 'No', 'Up Down Archive'],
    ]);
    await b.shot(admin.page, 'fields-2-added');
    expect(admin.problems.all()).toEqual([]);
    await admin.page.close();

    // The agent sees both on the ticket's sidebar, with the dropdown's options, and sets them.
    const { page, problems } = await b.newPage();
    await b.signIn(page, 'fields-story', agent.email, `/app/tickets/${number}`);
    const sidebar = page.getByRole('complementary', { name: 'Ticket properties' });
    expect(await sidebar.getByLabel('Product').locator('option').allTextContents()).toEqual(['Not set', 'Printer', 'Scanner', 'Copier']);
    await sidebar.getByLabel('Product').selectOption('Copier');
    await sidebar.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await sidebar.getByLabel('Root cause').fill('Worn tray roller');
    await sidebar.getByLabel('Root cause').press('Enter');
    await expect
      .poll(() => t.owner`select custom_fields from tickets where org_id = ${owner.orgId} and number = ${number}`.then((r) => r[0]!.custom_fields))
      .toEqual({ product: 'Copier', root_cause: 'Worn tray roller' });
    await b.shot(page, 'fields-3-agent-sidebar');

    // The agent's new-ticket form offers both too, and a ticket opened there carries them.
    await page.locator('header.topbar nav a', { hasText: 'New ticket' }).click();
    await page.waitForURL(`${b.origin}/app/tickets/new`);
    await page.waitForFunction('window.htmx !== undefined');
    const form = page.locator('#new-ticket');
    expect(await form.getByLabel('Product').locator('option').allTextContents()).toEqual(['Choose…', 'Printer', 'Scanner', 'Copier']);
    await form.getByLabel('Requester email').fill('walk.in@fields-story.test');
    await form.getByLabel('Subject').fill('Printer offline after move');
    await form.getByLabel('Description').fill('Moved to the second floor, now it shows offline.');
    await form.getByLabel('Product').selectOption('Printer');
    await form.getByLabel('Root cause').fill('Network cable unplugged');
    await b.shot(page, 'fields-4-agent-new-ticket');
    await form.getByRole('button', { name: /Create ticket/ }).click();
    await page.waitForURL(/\/app\/tickets\/\d+$/);
    const opened = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await sidebar.getByLabel('Product').inputValue()).toBe('Printer');
    expect(await sidebar.getByLabel('Root cause').inputValue()).toBe('Network cable unplugged');
    const [ticket] = await t.owner`select custom_fields from tickets where org_id = ${owner.orgId} and number = ${opened}`;
    expect(ticket!.custom_fields).toEqual({ product: 'Printer', root_cause: 'Network cable unplugged' });
    expect(problems.all()).toEqual([]);
    await page.close();

    // The customer's form offers the dropdown, and nothing of the agents' field.
    const portal = await b.newPage();
    await b.signIn(portal.page, 'fields-story', cleo.email, '/portal/new');
    expect(await portal.page.getByLabel('Product').locator('option').allTextContents()).toEqual(['Choose…', 'Printer', 'Scanner', 'Copier']);
    expect(await portal.page.getByLabel('Root cause').count()).toBe(0);
    expect(await portal.page.content()).not.toMatch(/root_cause|Root cause/);
    await b.shot(portal.page, 'fields-5-portal-form');
    // Nor does the customer's view of their ticket leak the agents' value.
    await portal.page.goto(`${b.origin}/portal/tickets/${number}`);
    expect(await portal.page.content()).not.toContain('Worn tray roller');
    expect(portal.problems.all()).toEqual([]);
    await portal.page.close();
  }, 120_000);
});
