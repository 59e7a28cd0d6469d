import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import de from '#locales/de.json' with { type: 'json' };
import en from '#locales/en.json' with { type: 'json' };
import { TEST_PASSWORD, type Member } from '../helpers/app.ts';
import { useBrowserApp } from '../helpers/browser-app.ts';

// Issue 16's story: a German-speaking agent, browser and profile in German, works a ticket; the
// queue, ticket, admin and portal pages show no English. Screenshots: test/e2e/screenshots/.
const SHOTS = new URL('../e2e/screenshots/', import.meta.url);
const b = await useBrowserApp();
const { t } = b;

const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true, caret: 'initial' });

/** The test's own data, which is whatever language it was typed in. */
const DATA = ['Anna Agentin', 'Olga Owner', 'Karl Kunde', 'Drucker druckt nur leere Seiten', 'Toner fast leer', 'Deutsch GmbH', 'ATUM DESK', 'English', 'Deutsch', 'deutsch', 'drucker'];

/** English messages of the catalogue that German words differently: none may show on a German page. */
const ENGLISH_ONLY = new Set(
  Object.entries(en)
    .filter(([key, text]) => !text.includes('{') && text !== (de as Record<string, string>)[key] && text.length >= 4)
    .map(([, text]) => text),
);
const ENGLISH_WORDS =
  /\b(the|and|your|with|this|are|you|from|has|have|for|not|of|to|by|sign|save|saved|cancel|search|settings|queue|queues|reply|replies|unassigned|assignee|requester|priority|subject|solved|pending)\b/i;

/** Every string a person reads on the page: text of shown elements, option labels, and the read attributes. */
// Runs in the page (a string: the test's TypeScript has no DOM types).
const READ_STRINGS = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template, code, pre')) continue;
    const shown = parent.tagName === 'OPTION' || parent.getClientRects().length > 0;
    const text = node.textContent.trim();
    if (shown && text) out.push(text);
  }
  for (const el of document.querySelectorAll('[title], [placeholder], [aria-label], [alt]')) {
    for (const name of ['title', 'placeholder', 'aria-label', 'alt']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) out.push(value);
    }
  }
  out.push(document.title);
  return out;
})()`;

function readStrings(page: Page): Promise<string[]> {
  return page.evaluate(READ_STRINGS) as Promise<string[]>;
}

/** What on the page is English: a catalogue message in English, or a sentence with English words in it. */
async function englishOn(page: Page): Promise<string[]> {
  return (await readStrings(page)).filter((s) => {
    const text = DATA.reduce((rest, data) => rest.split(data).join(' '), s);
    return ENGLISH_ONLY.has(text.trim()) || ENGLISH_WORDS.test(text);
  });
}

async function expectGerman(page: Page, name: string): Promise<void> {
  await page.waitForFunction('window.htmx !== undefined');
  expect(await page.getAttribute('html', 'lang'), name).toBe('de');
  expect(await englishOn(page), name).toEqual([]);
  await shot(page, name);
}

async function signInGerman(page: Page, email: string): Promise<void> {
  await page.goto(`${b.origin}/login`);
  await page.waitForFunction('window.htmx !== undefined');
  await page.getByLabel(de['auth.field.org']).fill('deutsch');
  await page.getByLabel(de['auth.field.email']).fill(email);
  await page.getByLabel(de['auth.field.password']).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: de['auth.login.submit'] }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

let owner: Member;
let agent: Member;
let customer: Member;
let number: number;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  owner = await t.org('deutsch');
  agent = await t.member(owner, 'agent', 'anna@deutsch.test');
  customer = await t.member(owner, 'customer', 'karl@deutsch.test');
  for (const [who, name] of [
    [owner, 'Olga Owner'],
    [agent, 'Anna Agentin'],
    [customer, 'Karl Kunde'],
  ] as const) {
    await t.owner`update users set name = ${name} where id = ${who.userId}`;
    // The profile set to German.
    await t.speaks(who, 'de');
  }
  await t.owner`update organizations set name = 'Deutsch GmbH', settings = settings || '{"time_zone": "Europe/Berlin"}' where id = ${owner.orgId}`;
  await t.owner`
    insert into mailboxes (org_id, name, smtp_host, smtp_port, smtp_security, from_address, from_name)
    values (${owner.orgId}, 'Support', '127.0.0.1', 2525, 'none', 'hilfe@deutsch.test', 'Deutsch GmbH')`;
  const created = await t.request('/api/v1/tickets', { method: 'POST', as: customer, body: { subject: 'Drucker druckt nur leere Seiten', body: 'Seit gestern kommen nur leere Blätter heraus.' } });
  expect(created.status).toBe(201);
  number = ((await created.json()) as { number: number }).number;
  await t.request('/api/v1/tickets', { method: 'POST', as: customer, body: { subject: 'Toner fast leer', body: 'Bitte neuen Toner schicken.' } });
});

describe('a German-speaking agent, in chromium with Accept-Language: de', () => {
  it('signs in, works a ticket from the queue to solved, and reads German on every page', async () => {
    const { page, problems } = await b.newPage({ locale: 'de-DE' });
    await page.goto(`${b.origin}/login`);
    await expectGerman(page, 'de-01-login');
    await signInGerman(page, agent.email);
    await expectGerman(page, 'de-02-dashboard');

    await page.locator('header.topbar nav a', { hasText: de['shell.nav.queues'] }).click();
    await page.waitForURL(`${b.origin}/app/queues`);
    const row = page.locator(`#ticket-row-${number}`);
    await row.waitFor();
    await expectGerman(page, 'de-03-queue');

    await row.getByRole('link', { name: 'Drucker druckt nur leere Seiten' }).click();
    await page.waitForURL(`${b.origin}/app/tickets/${number}`);
    await expectGerman(page, 'de-04-ticket');

    const composer = page.getByRole('form', { name: de['ticket.composer.form_label'] });
    await composer.getByLabel(de['ticket.kind.note']).check();
    await composer.getByLabel(de['ticket.composer.message_label'], { exact: true }).fill('Druckertreiber geprüft: Version veraltet.');
    await composer.getByRole('button', { name: de['ticket.composer.send'] }).click();
    await page.getByRole('status').filter({ hasText: de['ticket.composer.note_added'] }).waitFor();
    await composer.getByLabel(de['ticket.kind.reply']).check();
    await composer.getByLabel(de['ticket.composer.message_label'], { exact: true }).fill('Bitte installieren Sie den neuen Treiber.');
    await composer.getByRole('button', { name: de['ticket.composer.send'] }).click();
    await page.getByRole('status').filter({ hasText: de['ticket.composer.reply_sent'] }).waitFor();
    const sidebar = page.getByRole('complementary', { name: de['ticket.properties.label'] });
    await sidebar.getByLabel(de['ticket.field.priority']).selectOption('high');
    await sidebar.getByRole('status').filter({ hasText: de['ticket.properties.saved'] }).waitFor();
    await expectGerman(page, 'de-05-ticket-worked');
    await page.getByRole('button', { name: de['ticket.page.solve'] }).click();
    await expect.poll(() => sidebar.getByLabel(de['ticket.field.status']).inputValue()).toBe('solved');
    await expectGerman(page, 'de-06-ticket-solved');

    // The account menu turns the pages English for this person, saved to their profile.
    const menu = page.getByRole('form', { name: de['language.menu_label'] });
    await menu.getByLabel(de['language.menu_label']).selectOption('en');
    await menu.getByRole('button', { name: de['language.switch'] }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('form', { name: en['language.menu_label'] }).waitFor();
    // The same page in English is what the German checks above would have caught.
    expect((await englishOn(page)).length).toBeGreaterThan(10);
    expect(await t.owner`select locale from users where id = ${agent.userId}`).toEqual([{ locale: 'en' }]);
    await t.speaks(agent, 'de');

    expect(problems.all()).toEqual([]);
    const [ticket] = await t.owner`select status, priority from tickets where org_id = ${owner.orgId} and number = ${number}`;
    expect(ticket).toEqual({ status: 'solved', priority: 'high' });
  }, 180_000);

  it('shows the admin pages in German to a German admin', async () => {
    const { page, problems } = await b.newPage({ locale: 'de-DE' });
    await signInGerman(page, owner.email);
    const pages: [string, string][] = [
      ['/app/admin', 'de-10-admin'],
      ['/app/admin/users', 'de-11-admin-users'],
      ['/app/admin/teams', 'de-12-admin-teams'],
      ['/app/admin/roles', 'de-13-admin-roles'],
      ['/app/admin/settings', 'de-14-admin-settings'],
      ['/app/admin/fields', 'de-15-admin-fields'],
      ['/app/admin/sla', 'de-16-admin-sla'],
      ['/app/admin/mailboxes', 'de-17-admin-mailboxes'],
      ['/app/admin/api-keys', 'de-18-admin-api-keys'],
      ['/app/admin/audit', 'de-19-admin-audit'],
      ['/app/account/preferences', 'de-20-preferences'],
    ];
    for (const [path, name] of pages) {
      await page.goto(`${b.origin}${path}`);
      await expectGerman(page, name);
    }
    expect(problems.all()).toEqual([]);
  }, 180_000);

  it('shows the portal in German to a German customer', async () => {
    const { page, problems } = await b.newPage({ locale: 'de-DE' });
    await signInGerman(page, customer.email);
    expect(new URL(page.url()).pathname).toBe('/portal');
    await expectGerman(page, 'de-30-portal');
    await page.goto(`${b.origin}/portal/tickets/${number}`);
    await expectGerman(page, 'de-31-portal-ticket');
    await page.goto(`${b.origin}/portal/new`);
    await expectGerman(page, 'de-32-portal-new');
    expect(problems.all()).toEqual([]);
  }, 120_000);
});
