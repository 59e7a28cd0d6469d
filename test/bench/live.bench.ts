/**
 * "Other agents see a change within 1 second": how long after a change is made its effect is on
 * other agents' screens, in real chromium pages with their live streams open. BENCH_LIVE_AGENTS
 * agents (default 5) each keep the unsolved queue open; one change at a time (BENCH_LIVE_CHANGES,
 * default 40) is made through the API to a ticket on their screens (priority, alternately
 * urgent and low), and the time is taken from sending the request until the row shows the new
 * priority on every page. Per page, and until the last page, p50/p95/max.
 *
 * The path measured is the product's: the PATCH commits, its trigger NOTIFYs, the process's one
 * LISTEN connection hears it, each page's SSE stream gets `ticket-N`, htmx fetches the row
 * fragment and swaps it. Needs Debian's chromium (CHROMIUM_PATH to use another).
 */
import type { Page } from 'playwright-core';
import { createMember, createOrg } from '#lib/orgs/create.ts';
import { launchBrowser, watchPage, type PageProblems } from '../helpers/browser.ts';
import { cpuBetween, cpuSample, waitForQuiet } from './cpu.ts';
import { quantile, startBenchServer } from './harness.ts';

const AGENTS = Number(process.env.BENCH_LIVE_AGENTS ?? 5);
const CHANGES = Number(process.env.BENCH_LIVE_CHANGES ?? 40);
const PASSWORD = 'bench password that is long';
const ms = (x: number) => `${Math.round(x)} ms`;

const server = await startBenchServer();
const browser = await launchBrowser();
try {
  await createOrg(server.owner, { slug: 'live', name: 'Live bench', adminEmail: 'owner@live.test', adminPassword: PASSWORD });
  const emails = Array.from({ length: AGENTS }, (_, i) => `agent${i}@live.test`);
  for (const email of emails) await createMember(server.owner, { orgSlug: 'live', email, password: PASSWORD, role: 'agent' });

  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ org: 'live', email: 'owner@live.test', password: PASSWORD }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  const api = (path: string, method: string, body: unknown) =>
    fetch(server.url + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const numbers: number[] = [];
  for (let i = 0; i < 10; i++) {
    const res = await api('/api/v1/tickets', 'POST', { subject: `Live bench ticket ${i}`, body: 'Watching this one.', priority: 'normal' });
    numbers.push(((await res.json()) as { number: number }).number);
  }

  const pages: { page: Page; problems: PageProblems }[] = [];
  for (const email of emails) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/app/queues')}`);
    await page.waitForFunction('window.htmx !== undefined');
    await page.getByLabel('Organization').fill('live');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/app/queues`);
    await page.locator('#live-events[data-htmx-powered]').waitFor({ state: 'attached' });
    pages.push({ page, problems });
  }
  // Every stream open on the server before the first change.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await waitForQuiet({ maxSeconds: 60, threshold: 0.15, database: server.database });

  const perPage: number[] = [];
  const allPages: number[] = [];
  const before = cpuSample(server.database);
  for (let i = 0; i < CHANGES; i++) {
    const number = numbers[i % numbers.length]!;
    const priority = i % 2 ? 'low' : 'urgent';
    const started = performance.now();
    const seen = pages.map(({ page }) =>
      page
        .locator(`#ticket-row-${number} .prio-${priority}`)
        .waitFor({ state: 'attached', timeout: 30_000 })
        .then(() => performance.now() - started),
    );
    const res = await api(`/api/v1/tickets/${number}`, 'PATCH', { priority });
    if (res.status !== 200) throw new Error(`PATCH answered ${res.status}: ${await res.text()}`);
    const times = await Promise.all(seen);
    perPage.push(...times);
    allPages.push(Math.max(...times));
  }
  const cpu = cpuBetween(before, cpuSample(server.database));
  perPage.sort((a, b) => a - b);
  allPages.sort((a, b) => a - b);
  const problems = pages.flatMap((p) => p.problems.all());
  console.log(`| change → row updated (${AGENTS} pages × ${CHANGES} changes) | p50 ${ms(quantile(perPage, 0.5))}, **p95 ${ms(quantile(perPage, 0.95))}**, max ${ms(perPage.at(-1)!)} |`);
  console.log(`| change → row updated on every page | p50 ${ms(quantile(allPages, 0.5))}, **p95 ${ms(quantile(allPages, 0.95))}**, max ${ms(allPages.at(-1)!)} |`);
  console.log(`| within 1 s | ${perPage.filter((x) => x <= 1000).length} of ${perPage.length} |`);
  console.log(`CPU ours / others during the changes: ${cpu.ours?.toFixed(2) ?? '?'} / ${cpu.others?.toFixed(2) ?? '?'} cores; page problems: ${problems.length ? problems.join('; ') : 'none'}`);
} finally {
  await browser.close();
  await server.close();
}
