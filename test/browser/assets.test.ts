import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import type { AppEnv } from '#lib/app-env.ts';
import { Layout } from '#views/layout.tsx';
import { useTestApp } from '../helpers/app.ts';
import { launchBrowser, watchPage } from '../helpers/browser.ts';
import { serveTestApp, type TestHttpServer } from '../helpers/http-server.ts';

const t = useTestApp();

describe('static assets', () => {
  it('serves htmx, the SSE extension and the stylesheet with types and a cache lifetime', async () => {
    for (const [name, type] of [
      ['htmx.js', /^text\/javascript/],
      ['htmx-sse.js', /^text\/javascript/],
      ['shortcuts.js', /^text\/javascript/],
      ['app.css', /^text\/css/],
    ] as const) {
      const res = await t.request(`/assets/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toMatch(type);
      expect(res.headers.get('cache-control'), name).toBe('public, max-age=3600');
      expect(res.headers.get('etag'), name).toMatch(/^"[\w-]{22}"$/);
      expect((await res.text()).length, name).toBeGreaterThan(100);
    }
  });

  it('answers a name outside the allowlist with a JSON 404', async () => {
    for (const name of ['nope.js', 'hx-csp.js', '../package.json', '%2e%2e%2fpackage.json', 'constructor']) {
      const res = await t.request(`/assets/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.headers.get('content-type'), name).toMatch(/application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code, name).toBe('not_found');
    }
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await t.request('/assets/app.css');
    const etag = first.headers.get('etag')!;
    const again = await t.request('/assets/app.css', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const weakInList = await t.request('/assets/app.css', { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weakInList.status).toBe(304);
    const stale = await t.request('/assets/app.css', { headers: { 'if-none-match': '"stale"' } });
    expect(stale.status).toBe(200);
  });
});

describe('the sign-in page in chromium', () => {
  let server: TestHttpServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveTestApp(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads htmx and the stylesheet under the CSP without a single error', async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    const res = await page.goto(`${server.url}/login`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.title()).toBe('Sign in · ATUM DESK');
    // Standards mode: the layout sends a doctype.
    expect(await page.evaluate('document.compatMode')).toBe('CSS1Compat');
    // htmx loaded, initialised, and took its config from the meta tag.
    await page.waitForFunction('window.htmx !== undefined');
    expect(await page.evaluate('window.htmx.version')).toMatch(/^4\./);
    expect(await page.evaluate('window.htmx.config.noSwap')).toEqual([204, 304, '5xx']);
    // app.css applied: the card is centred in a grid and the font is the system stack.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('.auth')).display`)).toBe('grid');
    expect(await page.evaluate(`getComputedStyle(document.body).fontFamily`)).toMatch(/system-ui/);
    expect(await page.locator('form[method="post"][action="/login"] input[name="org"]').count()).toBe(1);
    await page.close();
    expect(problems.all()).toEqual([]);
  });

  it('reports a CSP violation when one happens (the watcher itself works)', async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${server.url}/login`, { waitUntil: 'load' });
    // An inline script injected by the page itself must be refused by script-src 'self'.
    await page.evaluate(`(() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s); })()`);
    await expect.poll(() => problems.cspViolations.length).toBeGreaterThan(0);
    expect(problems.cspViolations[0]!.directive).toMatch(/^script-src/);
    expect(await page.evaluate('window.injected')).toBeUndefined();
    await page.close();
  });

  it('sends HX-Request: true on an htmx request', async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${server.url}/login`, { waitUntil: 'load' });
    await page.waitForFunction('window.htmx !== undefined');
    const request = page.waitForRequest((r) => r.url().endsWith('/assets/app.css') && r.resourceType() === 'fetch');
    await page.evaluate(`htmx.ajax('GET', '/assets/app.css', { target: 'body', swap: 'none' })`);
    expect((await request).headers()['hx-request']).toBe('true');
    await page.close();
    expect(problems.all()).toEqual([]);
  });
});

describe('the layout of a signed-in page in chromium', () => {
  let server: TestHttpServer;
  let browser: Browser;
  const logouts: Record<string, string>[] = [];
  beforeAll(async () => {
    // A page with the signed-in top bar, served under the real app's CSP; /logout stands in for
    // the real handler and answers as it will, with HX-Redirect. Everything else is the real app.
    const csp = (await t.request('/login')).headers.get('content-security-policy')!;
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      await next();
      c.header('Content-Security-Policy', csp);
    });
    const user = { name: 'Ada Lovelace', email: 'ada@acme.test', orgName: 'Acme Support', role: 'agent' };
    app.get('/page', (c) => c.html(Layout({ title: 'Tickets', user, children: 'Ticket list' })));
    app.get('/boom', (c) => c.html('<p>Internal error page</p>', 500));
    app.post('/logout', (c) => {
      logouts.push(c.req.header());
      return c.body(null, 204, { 'HX-Redirect': '/login' });
    });
    app.all('*', (c) => t.app.fetch(c.req.raw));
    server = await serveTestApp(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the org and user, and Sign out posts with HX-Request then follows HX-Redirect', async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${server.url}/page`, { waitUntil: 'load' });
    await page.waitForFunction('window.htmx !== undefined');
    expect(await page.title()).toBe('Tickets · ATUM DESK');
    const topbar = page.locator('header.topbar');
    expect(await topbar.textContent()).toContain('Acme Support');
    expect(await topbar.textContent()).toContain('Ada Lovelace');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/login`);
    expect(logouts).toHaveLength(1);
    expect(logouts[0]!['hx-request']).toBe('true');
    expect(await page.title()).toBe('Sign in · ATUM DESK');
    await page.close();
    expect(problems.all()).toEqual([]);
  });

  it('does not swap a 5xx answer into the page', async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${server.url}/page`, { waitUntil: 'load' });
    await page.waitForFunction('window.htmx !== undefined');
    await page.evaluate(`htmx.ajax('GET', '/boom', { target: '#main' })`);
    expect(await page.locator('#main').textContent()).toBe('Ticket list');
    await page.close();
    // The browser logs the failed load itself; nothing else may go wrong.
    expect(problems.all()).toEqual([expect.stringMatching(/status of 500/)]);
  });
});
