import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t } = b;

const selectedRow = (page: Page) => page.evaluate<string | null>("document.querySelector('tr.is-selected')?.id ?? null");
const focused = (page: Page) => page.evaluate<string | null>("document.activeElement?.id || document.activeElement?.getAttribute('name') || document.activeElement?.tagName || null");
const helpOpen = (page: Page) => page.evaluate<boolean>("document.getElementById('shortcut-help').open");
/** Moves focus out of any field, as a click on the page's heading does. */
const blur = (page: Page) => page.locator('h1').first().click();

describe('keyboard shortcuts in chromium', () => {
  it('work the queue (j/k, x, Enter, /, ?, Esc) and the ticket (r, n, e), and never fire while typing in a field', async () => {
    const owner = await t.org('keys');
    const agent = await t.member(owner, 'agent', 'ada@keys.test');
    for (const subject of ['Laptop will not boot', 'Monitor flickers', 'Mouse double-clicks']) {
      const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject, body: `${subject}.`, requester: { email: 'kim@keys.test', name: 'Kim' } } });
      expect(res.status).toBe(201);
    }

    const { page, problems } = await b.newPage();
    await b.signIn(page, 'keys', agent.email, '/app/queues');
    const ids = await page.locator('#queue tbody tr[data-row]').evaluateAll((trs) => trs.map((tr) => tr.id));
    expect(ids).toHaveLength(3);
    const [first, second] = ids as [string, string, string];

    // j / k move the selection (and focus the row's link); x ticks the selected row.
    await blur(page);
    expect(await selectedRow(page)).toBeNull();
    await page.keyboard.press('j');
    expect(await selectedRow(page)).toBe(first);
    await page.keyboard.press('j');
    expect(await selectedRow(page)).toBe(second);
    expect(await page.evaluate("document.activeElement?.closest('tr')?.id")).toBe(second);
    await page.keyboard.press('k');
    expect(await selectedRow(page)).toBe(first);
    await page.keyboard.press('x');
    const firstBox = page.locator(`#${first} input[type="checkbox"]`);
    expect(await firstBox.isChecked()).toBe(true);
    await page.keyboard.press('x');
    expect(await firstBox.isChecked()).toBe(false);
    await b.shot(page, 'keys-1-queue-selected');

    // / focuses the search box; keys typed there are text, not shortcuts.
    await page.keyboard.press('/');
    expect(await focused(page)).toBe('nav-search-q');
    await page.keyboard.type('jkx?');
    expect(await page.locator('#nav-search-q').inputValue()).toBe('jkx?');
    expect(await selectedRow(page)).toBe(first);
    expect(await firstBox.isChecked()).toBe(false);
    expect(await helpOpen(page)).toBe(false);
    await page.locator('#nav-search-q').fill('');

    // ? opens the help, Esc closes it; while it is open, other keys do nothing.
    await blur(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Reply (on a ticket)');
    await page.keyboard.press('j');
    expect(await selectedRow(page)).toBe(first);
    await b.shot(page, 'keys-2-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // Enter opens the selected ticket.
    await blur(page);
    const number = first.replace('ticket-row-', '');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${b.origin}/app/tickets/${number}`);
    await page.waitForFunction('window.htmx !== undefined');
    const reply = page.getByRole('radio', { name: 'Public reply' });
    const note = page.getByRole('radio', { name: /^Internal note/ });
    const status = page.getByRole('complementary', { name: 'Ticket properties' }).getByLabel('Status');

    // n: an internal note, with the cursor in the text.
    await blur(page);
    await page.keyboard.press('n');
    expect(await note.isChecked()).toBe(true);
    expect(await focused(page)).toBe('composer-body');
    // Typing in the textarea: every key is text, none a shortcut.
    await page.keyboard.type('e r n j k x ? /');
    expect(await page.locator('#composer-body').inputValue()).toBe('e r n j k x ? /');
    expect(await note.isChecked()).toBe(true);
    expect(await helpOpen(page)).toBe(false);
    expect(await status.inputValue()).toBe('new');
    await b.shot(page, 'keys-3-note-typed');

    // r: back to a public reply, cursor in the text.
    await blur(page);
    await page.keyboard.press('r');
    expect(await reply.isChecked()).toBe(true);
    expect(await focused(page)).toBe('composer-body');

    // e: solves the ticket.
    await blur(page);
    await page.keyboard.press('e');
    await expect.poll(() => status.inputValue()).toBe('solved');
    const [row] = await t.owner`select status from tickets where org_id = ${owner.orgId} and number = ${number}`;
    expect(row!.status).toBe('solved');
    await b.shot(page, 'keys-4-solved');
    expect(problems.all()).toEqual([]);
    await page.close();
  }, 120_000);
});
