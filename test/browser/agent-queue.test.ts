import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Member } from '../helpers/app.ts';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t } = b;

async function ticket(as: Member, body: Record<string, unknown>): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { body: 'Details follow.', ...body } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { number: number }).number;
}

const selectedRow = (page: Page) => page.evaluate<string | null>("document.querySelector('tr.is-selected')?.id ?? null");

describe('an agent works a queue in chromium', () => {
  it('filters, pages with "more", bulk-assigns two rows, moves with j/k and opens the shortcut help, without reloads, console errors or CSP violations', async () => {
    const owner = await t.org('browser-queue');
    const agent = await t.member(owner, 'agent', 'ada@browser-queue.test');
    await t.owner`update users set name = 'Ada Agent' where id = ${agent.userId}`;
    const high: number[] = [];
    for (const subject of ['VPN drops every hour', 'Invoice shows wrong VAT', 'Cannot export report']) high.push(await ticket(owner, { subject, priority: 'high' }));
    await ticket(owner, { subject: 'Question about pricing', priority: 'low' });

    const { page, problems } = await b.newPage();
    await b.signIn(page, 'browser-queue', agent.email, '/app/queues?limit=2');
    expect(page.url()).toBe(`${b.origin}/app/queues?limit=2`);
    // Set on the window: a full page load would lose it.
    await page.evaluate('window.samePage = true');

    // Filter: high priority only. htmx swaps the queue and pushes the URL.
    const filters = page.locator('#queue-filters');
    await filters.getByLabel('Priority').selectOption('high');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/priority=high/);
    const rows = page.locator('#queue tbody tr[data-row]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByTestId('queue-count').textContent()).toBe('3');

    // "More" appends the last high ticket in place.
    await page.getByRole('button', { name: 'More tickets' }).click();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.getByRole('button', { name: 'More tickets' }).count()).toBe(0);
    expect((await rows.allTextContents()).join(' ')).not.toContain('pricing');
    await b.shot(page, 'queue-filtered');

    // Select two rows and assign them to Ada.
    const [first, second] = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.id.replace('ticket-row-', ''))))) as [number, number, number];
    await page.getByLabel(`Select ticket #${first}`).check();
    await page.getByLabel(`Select ticket #${second}`).check();
    const bulk = page.locator('#bulk-form');
    await bulk.getByLabel('Action').selectOption('assign');
    await bulk.getByLabel('Assignee').selectOption({ label: 'Ada Agent' });
    await bulk.getByRole('button', { name: 'Apply to selected' }).click();
    await expect.poll(() => page.getByTestId('bulk-summary').textContent()).toContain('2 of 2 tickets changed');
    await expect.poll(() => page.locator(`#ticket-row-${first}`).textContent()).toContain('Ada Agent');
    expect(await page.locator(`#ticket-row-${second}`).textContent()).toContain('Ada Agent');
    expect(await page.locator('#queue tbody tr[data-row]').count()).toBe(3);
    // The side list's counts follow: both are now Ada's.
    await expect.poll(() => page.locator('#queue-nav a', { hasText: 'My unsolved' }).locator('.count').textContent()).toBe('2');
    await b.shot(page, 'queue-bulk-assigned');

    // j / k move the selection and focus the row's link.
    await page.locator('h1').click();
    await page.keyboard.press('j');
    expect(await selectedRow(page)).toBe(`ticket-row-${first}`);
    await page.keyboard.press('j');
    expect(await selectedRow(page)).toBe(`ticket-row-${second}`);
    expect(await page.evaluate("document.activeElement?.closest('tr')?.id")).toBe(`ticket-row-${second}`);
    await page.keyboard.press('k');
    expect(await selectedRow(page)).toBe(`ticket-row-${first}`);
    // x ticks the selected row's box.
    await page.keyboard.press('x');
    expect(await page.getByLabel(`Select ticket #${first}`).isChecked()).toBe(true);

    // ? opens the help dialog, Esc closes it.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Next / previous ticket in a list');
    await b.shot(page, 'shortcut-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // / focuses the search box; typing there does not move the selection.
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement?.id')).toBe('nav-search-q');
    await page.keyboard.type('jk');
    expect(await selectedRow(page)).toBe(`ticket-row-${first}`);

    expect(await page.evaluate('window.samePage')).toBe(true);
    await page.close();
    expect(problems.all()).toEqual([]);
  }, 120_000);
});
