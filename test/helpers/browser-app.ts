import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { TEST_PASSWORD, useTestApp, type TestApp } from './app.ts';
import { launchBrowser, watchPage, type PageProblems } from './browser.ts';
import { freePort } from './free-port.ts';

/** Every browser test saves its screenshots here (the directory is git-ignored). */
const SCREENSHOTS = new URL('../browser/screenshots/', import.meta.url);

export interface BrowserApp {
  t: TestApp;
  /** `http://127.0.0.1:<port>`: PUBLIC_URL, which the CSRF check compares Origin against. */
  origin: string;
  browser(): Browser;
  /**
   * A page in a browser context of its own (own cookies), watched for console errors and CSP
   * violations. `context` overrides the 1280x900 desktop default (a phone: viewport, isMobile, hasTouch).
   */
  newPage(context?: BrowserContextOptions): Promise<{ page: Page; problems: PageProblems }>;
  /** Fills the sign-in form and waits for the page `next` leads to (default `/app`, or `/portal` for customers). */
  signIn(page: Page, org: string, email: string, next?: string): Promise<void>;
  /** Fills the sign-in form already on the page and sends it, waiting for nothing after (a page, or the two-factor step). */
  fillSignIn(page: Page, org: string, email: string): Promise<void>;
  /** Saves a full-page screenshot as `test/browser/screenshots/<name>.png`. */
  shot(page: Page, name: string): Promise<void>;
  /** Stops the HTTP server, dropping open connections (live streams too), as a crash or deploy would. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port (the origin stays PUBLIC_URL). */
  startServer(): Promise<void>;
}

/**
 * The app served on a real port with a headless chromium beside it, for one test file. The
 * port is picked before the app is built because the CSRF check needs PUBLIC_URL to be the
 * origin the browser sends.
 *
 * @example
 * const b = await useBrowserApp();
 * it('signs in', async () => {
 *   const { page, problems } = await b.newPage();
 *   await b.signIn(page, 'acme', owner.email);
 *   expect(problems.all()).toEqual([]);
 * });
 */
export async function useBrowserApp(options: { env?: Record<string, string> } = {}): Promise<BrowserApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const t = useTestApp({ publicUrl: origin, env: options.env });
  let server: Server | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  const start = () =>
    new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port }, () => resolve(s as Server)) as Server;
      s.once('error', reject);
    });
  const stop = (s: Server | undefined) =>
    new Promise<void>((done) => {
      if (!s) return done();
      s.close(() => done());
      s.closeAllConnections();
    });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    server = await start();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stop(server);
  });

  async function fillSignIn(page: Page, org: string, email: string): Promise<void> {
    await page.waitForFunction('window.htmx !== undefined');
    await page.getByLabel('Organization').fill(org);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  return {
    t,
    origin,
    browser() {
      if (!browser) throw new Error('the browser starts in beforeAll; call browser() inside a test');
      return browser;
    },
    async newPage(options = {}) {
      if (!browser) throw new Error('the browser starts in beforeAll; call newPage() inside a test');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      const page = await context.newPage();
      return { page, problems: await watchPage(page) };
    },
    async signIn(page, org, email, next) {
      await page.goto(next ? `${origin}/login?next=${encodeURIComponent(next)}` : `${origin}/login`);
      await fillSignIn(page, org, email);
      await page.waitForURL((url) => url.pathname !== '/login');
      await page.waitForFunction('window.htmx !== undefined');
    },
    fillSignIn,
    async shot(page, name) {
      // caret 'initial': hiding the caret leaves `style=""` on every input, which htmx then copies
      // onto swapped-in elements, a CSP violation no person would ever cause.
      await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true, caret: 'initial' });
    },
    async stopServer() {
      await stop(server);
      server = undefined;
    },
    async startServer() {
      server = await start();
    },
  };
}
