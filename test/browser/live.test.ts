import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../helpers/app.ts';
import type { PageProblems } from '../helpers/browser.ts';
import { useBrowserApp } from '../helpers/browser-app.ts';
import { latency } from '../helpers/latency.ts';

const served = await useBrowserApp();
const { t } = served;

let owner: Member;
let grace: Member;
let linus: Member;

beforeAll(async () => {
  owner = await t.org('live-browser');
  grace = await t.member(owner, 'agent', 'grace@live-browser.test');
  linus = await t.member(owner, 'agent', 'linus@live-browser.test');
  await t.owner`update users set name = 'Grace Hopper' where id = ${grace.userId}`;
  await t.owner`update users set name = 'Linus Torvalds' where id = ${linus.userId}`;
});

/** A signed-in agent in a browser of their own, on the ticket page, its live stream open. */
async function agentOn(email: string, number: number): Promise<{ page: Page; problems: PageProblems }> {
  const { page, problems } = await served.newPage();
  page.on('request', (r) => {
    if (process.env.LIVE_DEBUG && /app\//.test(r.url())) console.log('REQ', Date.now(), email, r.method(), r.url());
  });
  page.on('response', (r) => {
    if (process.env.LIVE_DEBUG && /app\//.test(r.url())) console.log('RES', Date.now(), email, r.status(), r.url());
  });
  page.on('requestfailed', (r) => {
    if (process.env.LIVE_DEBUG) console.log('FAIL', Date.now(), email, r.url(), r.failure()?.errorText);
  });
  const before = t.deps.live.size();
  await served.signIn(page, 'live-browser', email, `/app/tickets/${number}`);
  await expect.poll(() => t.deps.live.size(), { timeout: 20_000 }).toBeGreaterThan(before);
  return { page, problems };
}

describe('live updates between two agents in chromium', () => {
  it("shows B's presence, typing and reply on A's page, API changes too, and reconnects after a server restart", async () => {
    const res = await t.request('/api/v1/tickets', {
      method: 'POST',
      as: owner,
      body: { subject: 'Scanner jams', body: 'It jams on every page', requester: { email: 'ada@example.test', name: 'Ada Lovelace' } },
    });
    const { number } = (await res.json()) as { number: number };
    const a = await agentOn(grace.email, number);
    const b = await agentOn(linus.email, number);

    // Collision detection: A sees B arrive, then B typing.
    const presence = a.page.getByTestId('presence');
    await presence.filter({ hasText: 'Linus Torvalds is viewing' }).waitFor();
    await b.page.getByRole('textbox', { name: 'Message' }).fill('Try the other tray, please.');
    await presence.filter({ hasText: 'Linus Torvalds is replying' }).waitFor();
    await b.page.getByTestId('presence').filter({ hasText: 'Grace Hopper is viewing' }).waitFor();

    // B's reply appears in A's thread without a reload.
    const reply = a.page.getByTestId('message').filter({ hasText: 'Try the other tray, please.' });
    const replyMs = await latency(
      () => b.page.getByRole('button', { name: 'Send' }).click(),
      () => reply.waitFor({ timeout: 15_000 }),
    );
    expect(await reply.getAttribute('aria-label')).toBe('Public reply from Linus Torvalds');
    await b.page.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();

    // A status change through the API refreshes A's sidebar.
    const status = a.page.locator('#prop-status');
    const apiMs = await latency(
      () => t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: owner, body: { status: 'pending' } }),
      () => a.page.locator('#prop-status option[value="pending"][selected]').waitFor({ state: 'attached', timeout: 15_000 }),
    );
    expect(await status.inputValue()).toBe('pending');
    console.log(`live latency: reply from B on A's page ${replyMs} ms, API status change on A's sidebar ${apiMs} ms`);
    // Measured, not asserted: on a shared 2-core machine a timed assertion measures the other
    // processes. The waits give each change 15 s to show (the machine may be that busy).
    await served.shot(a.page, 'live-ticket-agent-a');

    // The server goes away and comes back on the same port: the pages reconnect on their own.
    const restartStarted = Date.now();
    await served.stopServer();
    await expect.poll(() => t.deps.live.size(), { timeout: 10_000 }).toBe(0);
    await served.startServer();
    await expect.poll(() => t.deps.live.size(), { timeout: 20_000 }).toBe(2);
    const restartEnded = Date.now();
    if (process.env.LIVE_DEBUG) console.log('RESTARTED', Date.now());
    const note = a.page.getByTestId('message').filter({ hasText: 'Written after the restart' });
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'Written after the restart', internal: true } });
    await note.waitFor({ timeout: 15_000 });
    expect(await note.getAttribute('aria-label')).toMatch(/^Internal note from /);
    await served.shot(a.page, 'live-ticket-after-restart');

    // While the server was down, requests failed: the browser reports those as console errors
    // ("Failed to load resource: net::ERR_CONNECTION_REFUSED", the cut stream's
    // ERR_INCOMPLETE_CHUNKED_ENCODING, and htmx's log of the stream's and a presence beat's
    // network error). Those, and
    // only those, are expected; any CSP violation fails.
    for (const p of [a, b]) {
      const unexpected = p.problems
        .all()
        .filter((line) => !/net::ERR_(CONNECTION_REFUSED|EMPTY_RESPONSE|CONNECTION_RESET|INCOMPLETE_CHUNKED_ENCODING)|htmx:sse:error: network error|htmx:error: Failed to fetch/.test(line));
      expect(unexpected, `restart window ${restartStarted}-${restartEnded}`).toEqual([]);
      expect(p.problems.cspViolations).toEqual([]);
    }
  }, 120_000);
});
