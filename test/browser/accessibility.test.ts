import { readdirSync } from 'node:fs';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../helpers/app.ts';
import { axeViolations, formatViolation } from '../helpers/axe.ts';
import { useBrowserApp } from '../helpers/browser-app.ts';
import type { PageProblems } from '../helpers/browser.ts';
import { horizontalOverflow, keyboardProblems } from '../helpers/page-checks.ts';

const b = await useBrowserApp();
const ORG = 'a11y';

const SIZES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;
type Size = keyof typeof SIZES;

/**
 * Every admin page, read from the routes so that a new one is checked without editing this test;
 * `[id]` routes are given a seeded record (DYNAMIC), and one without an entry there fails the test.
 */
const ADMIN_ROUTES = (readdirSync(new URL('../../functions/app/admin/', import.meta.url), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.get.tsx'))
  .map((f) => `/app/admin/${f.replace(/\.get\.tsx$/, '')}`.replace(/\/index$/, ''))
  .sort();

let owner: Member;
let admin: Member;
let agent: Member;
let customer: Member;
let customerTicket: number;
let viewId: string;
let calendarId: string;
let policyId: string;
let fieldId: string;
let mailboxId: string;

const DYNAMIC: Record<string, () => string> = {
  '/app/admin/fields/[id]': () => fieldId,
  '/app/admin/mailboxes/[id]': () => mailboxId,
  '/app/admin/sla/calendars/[id]': () => calendarId,
  '/app/admin/sla/policies/[id]': () => policyId,
};
const adminPages = (): Visit[] =>
  ADMIN_ROUTES.map((route) => {
    const id = DYNAMIC[route];
    if (route.includes('[') && !id) throw new Error(`${route}: give this test a seeded record for it in DYNAMIC`);
    const path = id ? route.replace(/\[[^\]]+\]/, id()) : route;
    return { name: route.slice('/app/'.length).replaceAll('/', '-').replace(/[[\]]/g, ''), path };
  });

async function api<T>(as: Member, path: string, body?: unknown, method = 'POST'): Promise<T> {
  const res = await b.t.request(path, { method: body === undefined ? 'GET' : method, as, body });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

beforeAll(async () => {
  owner = await b.t.org(ORG);
  admin = await b.t.member(owner, 'admin', 'alex@a11y.test');
  agent = await b.t.member(owner, 'agent', 'ada@a11y.test');
  customer = await b.t.member(owner, 'customer', 'carl@a11y.test');
  await b.t.owner`update users set name = 'Ada Agent' where id = ${agent.userId}`;
  await b.t.owner`update users set name = 'Carl Customer' where id = ${customer.userId}`;
  fieldId = (await api<{ id: string }>(owner, '/api/v1/custom-fields', { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Gold'], visible_to_customers: true })).id;
  mailboxId = (await api<{ id: string }>(owner, '/api/v1/mailboxes', { name: 'Support', from_address: 'help@a11y.test' })).id;
  await api(owner, '/api/v1/teams', { name: 'Front line' });
  await api(owner, '/api/v1/api-keys', { name: 'Reporting', permissions: ['tickets.read_all'] });
  customerTicket = (await api<{ number: number }>(customer, '/api/v1/tickets', { subject: 'The printer on floor 2 jams', body: 'Every second page jams since Monday.' })).number;
  await api(agent, `/api/v1/tickets/${customerTicket}/messages`, { body: 'Toner was low; replaced it.', internal: true });
  await api(agent, `/api/v1/tickets/${customerTicket}/messages`, { body: 'We replaced the toner. Does it print now?' });
  await api(agent, `/api/v1/tickets/${customerTicket}`, { priority: 'high', custom_fields: { plan: 'Gold' } }, 'PATCH');
  await api(agent, '/api/v1/tickets', { subject: 'VPN drops every hour', body: 'Since the update.', priority: 'urgent' });
  await api(agent, '/api/v1/tickets', { subject: 'Invoice shows wrong VAT', body: 'March invoice.', priority: 'low' });
  viewId = (await api<{ id: string }>(agent, '/api/v1/views', { name: 'Urgent work', filters: { priority: 'urgent' } })).id;
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
  calendarId = (await api<{ id: string }>(owner, '/api/v1/sla/calendars', { name: 'Office hours', time_zone: 'Europe/Berlin', weekly: weekdays, holidays: [{ date: '2026-12-25', recurring: true }] }))
    .id;
  policyId = (
    await api<{ id: string }>(owner, '/api/v1/sla/policies', { name: 'Standard', calendar_id: calendarId, targets: { high: { first_response: { minutes: 60 }, resolution: { minutes: 480 } } } })
  ).id;
});

interface Visit {
  /** The screenshot's and the report's name for the page. */
  name: string;
  path: string;
}

function pagesOf(role: 'visitor' | 'agent' | 'admin' | 'customer'): Visit[] {
  switch (role) {
    case 'visitor':
      return [
        { name: 'sign-in', path: '/login' },
        { name: 'forgot-password', path: '/forgot' },
      ];
    case 'agent':
      return [
        { name: 'dashboard', path: '/app' },
        { name: 'queue', path: '/app/queues' },
        { name: 'saved-view', path: `/app/queues/${viewId}` },
        { name: 'search', path: '/app/search?q=printer' },
        { name: 'ticket', path: `/app/tickets/${customerTicket}` },
        { name: 'new-ticket', path: '/app/tickets/new' },
        { name: 'security', path: '/app/account/security' },
        { name: 'sessions', path: '/app/account/sessions' },
      ];
    case 'admin':
      return adminPages();
    case 'customer':
      return [
        { name: 'portal-home', path: '/portal' },
        { name: 'portal-new-request', path: '/portal/new' },
        { name: 'portal-ticket', path: `/portal/tickets/${customerTicket}` },
      ];
  }
}

/** Everything wrong with one page at one size, one readable line each. */
async function audit(page: Page, problems: PageProblems, size: Size, visit: Visit): Promise<string[]> {
  const seen = problems.all().length;
  const res = await page.goto(`${b.origin}${visit.path}`);
  const where = `${visit.name} (${visit.path}) at ${size}`;
  if (res?.status() !== 200) return [`${where}: HTTP ${res?.status()}`];
  await page.waitForFunction('window.htmx !== undefined');
  const lines = [...(await axeViolations(page)).map((v) => `${where}: ${formatViolation(v)}`), ...(await keyboardProblems(page)).map((p) => `${where}: keyboard: ${p}`)];
  if (size === 'phone') {
    const overflow = await horizontalOverflow(page);
    if (overflow) lines.push(`${where}: scrolls sideways: ${overflow}`);
  }
  await b.shot(page, `a11y-${size}-${visit.name}`);
  lines.push(
    ...problems
      .all()
      .slice(seen)
      .map((p) => `${where}: ${p}`),
  );
  return lines;
}

const WHO = { visitor: undefined, agent: () => agent, admin: () => admin, customer: () => customer } as const;
type Who = keyof typeof WHO;

/** Cookies of each person's session, so the second size (and later tests) skip the sign-in. */
const sessions = new Map<Who, Awaited<ReturnType<BrowserContext['storageState']>>>();

async function pageAs(role: Who, size: Size): Promise<{ page: Page; problems: PageProblems }> {
  const state = sessions.get(role);
  const opened = await b.newPage({ ...SIZES[size], ...(state ? { storageState: state } : {}) });
  const who = WHO[role];
  if (who && !state) await b.signIn(opened.page, ORG, who().email);
  return opened;
}

describe.each(Object.keys(SIZES) as Size[])('at %s size', (size) => {
  for (const role of Object.keys(WHO) as Who[]) {
    const person = `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
    it(`the pages ${person} sees pass axe-core (WCAG 2.1 AA and best practice), reach their content by keyboard and fit the width`, async () => {
      const { page, problems } = await pageAs(role, size);
      const found: string[] = [];
      for (const visit of pagesOf(role)) found.push(...(await audit(page, problems, size, visit)));
      // Taken last: a refresh during the run would have rotated the cookies taken at sign-in.
      sessions.set(role, await page.context().storageState());
      await page.context().close();
      expect(found).toEqual([]);
    }, 120_000);
  }
});

/** Each list page of a new, empty organization and the sentence that tells the person what to do. */
const EMPTY_LISTS: readonly { path: string; says: string[] }[] = [
  { path: '/app', says: ['Nothing assigned to you is waiting. Pick one from Unassigned.', 'Every unsolved ticket has an owner.', 'No SLA target runs out within the hour.'] },
  { path: '/app/queues', says: ['No tickets match. Clear a filter or pick another queue.'] },
  { path: '/app/search?q=nothing-like-this', says: ['No ticket matches these words. Try fewer or different words.'] },
  { path: '/app/admin/users', says: ['No invitations are waiting. Invite someone above'] },
  { path: '/app/admin/teams', says: ['No teams yet. Create one above'] },
  { path: '/app/admin/fields', says: ['No custom fields yet. Add one below'] },
  { path: '/app/admin/sla', says: ['No calendars yet.', 'No policies yet'] },
  { path: '/app/admin/mailboxes', says: ['No mailboxes yet. Add one'] },
  { path: '/app/admin/api-keys', says: ['No API keys yet. Create one above'] },
];

describe('a new organization', () => {
  it('says on every empty list what to do next, and its empty pages pass axe-core too', async () => {
    // The portal's empty list is checked by test/portal-pages.test.ts.
    const empty = await b.t.org('a11y-empty');
    const { page, problems } = await b.newPage();
    await b.signIn(page, 'a11y-empty', empty.email);
    const found: string[] = [];
    for (const { path, says } of EMPTY_LISTS) {
      const name = `empty${path.replace(/\?.*$/, '').replaceAll('/', '-')}`;
      found.push(...(await audit(page, problems, 'desktop', { name, path })));
      const text = await page.locator('main').innerText();
      for (const sentence of says) if (!text.includes(sentence)) found.push(`${path}: the empty state does not say "${sentence}"`);
    }
    expect(found).toEqual([]);
  }, 120_000);
});

describe('a slow action', () => {
  it('shows the request bar while a form without an indicator of its own waits for the server', async () => {
    const { page, problems } = await pageAs('admin', 'desktop');
    await page.goto(`${b.origin}/app/admin/teams`);
    await page.waitForFunction('window.htmx !== undefined');
    const shown = () => page.evaluate<boolean>("(() => { const s = getComputedStyle(document.querySelector('.request-indicator')); return s.visibility === 'visible' && Number(s.opacity) > 0; })()");
    expect(await shown()).toBe(false);
    // Hold the answer until the bar has been seen, so the check does not race the server.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/app/admin/teams', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await held;
      await route.continue();
    });
    await page.getByLabel('Name', { exact: true }).fill('Night shift');
    await page.getByRole('button', { name: 'Create team' }).click();
    await expect.poll(shown).toBe(true);
    release();
    await page.getByText('Save members of Night shift').waitFor();
    await expect.poll(shown).toBe(false);
    expect(problems.all()).toEqual([]);
  }, 60_000);
});
