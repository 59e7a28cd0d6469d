import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian's chromium lives; set CHROMIUM_PATH to use another build. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts a headless chromium for a test file. A missing browser is an error, never a skip: a
 * browser suite that silently did not run is worse than a red one.
 *
 * @example
 * let browser: Browser;
 * beforeAll(async () => { browser = await launchBrowser(); });
 * afterAll(() => browser.close());
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No chromium at ${CHROMIUM_PATH}: install it with \`DEBIAN_FRONTEND=noninteractive apt-get install -y chromium\` (as root), or set CHROMIUM_PATH to a chromium executable`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-extensions',
      '--disable-sync',
      '--no-first-run',
      '--metrics-recording-only',
      '--mute-audio',
      // Several pages side by side (two agents on one ticket) must all count as visible:
      // a hidden page pauses its live stream (hx-sse pauseOnBackground).
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
    ],
  });
}

/** One CSP violation as the page reported it (`securitypolicyviolation`). */
interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
  sample: string;
}

export interface PageProblems {
  /** `console.error` messages (including the browser's own, e.g. CSP refusals and failed loads). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** Every `securitypolicyviolation` event, on every document the page loads. */
  cspViolations: CspViolation[];
  /** All of the above as one list of readable lines; `[]` when the page was clean. */
  all(): string[];
}

const CSP_BINDING = '__atumReportCspViolation';

/**
 * Starts collecting what went wrong in a page: console errors, uncaught errors and CSP
 * violations. Call it before the first `goto`. The CSP listener is added with `addInitScript`,
 * which the DevTools protocol injects, so the page's own CSP does not block it.
 *
 * @example
 * const page = await browser.newPage();
 * const problems = await watchPage(page);
 * await page.goto(`${server.url}/login`);
 * expect(problems.all()).toEqual([]);
 */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    all() {
      return [
        ...this.consoleErrors.map((m) => `console.error: ${m}`),
        ...this.pageErrors.map((m) => `page error: ${m}`),
        ...this.cspViolations.map((v) => `CSP violation: ${v.directive} blocked ${v.blockedURI || '(inline)'} at ${v.sourceFile}:${v.lineNumber} ${v.sample}`.trim()),
      ];
    },
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location();
      problems.consoleErrors.push(where.url ? `${msg.text()} (${where.url}:${where.lineNumber})` : msg.text());
    }
  });
  page.on('pageerror', (err) => problems.pageErrors.push(err.stack ?? err.message));
  await page.exposeBinding(CSP_BINDING, (_source, violation: CspViolation) => {
    problems.cspViolations.push(violation);
  });
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.${CSP_BINDING}({ directive: e.effectiveDirective || e.violatedDirective, blockedURI: e.blockedURI, sourceFile: e.sourceFile, lineNumber: e.lineNumber, sample: e.sample });
  });`);
  return problems;
}
