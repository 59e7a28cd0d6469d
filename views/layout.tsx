import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { NavSearch } from './app-nav.tsx';
import { LanguageMenu } from './language-menu.tsx';
import { ShortcutHelp } from './shortcut-help.tsx';
import { WorkerAlertBanner } from './worker-alert.tsx';
import { roleLabel } from '#lib/i18n/labels.ts';
import { reader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';
import type { LayoutUser } from '#lib/pages/layout-user.ts';

export type { LayoutUser };

/**
 * htmx 4 configuration, read by htmx.js from `<meta name="htmx-config">` when the script runs
 * (the value is HCON, which accepts JSON).
 * - `noSwap`: htmx 4 swaps every status but 204/304; a 5xx page must never replace part of a page.
 * - `allowEval: false`: htmx 4.0.1 dropped this key (it ignores it); it stays as a statement of
 *   intent. What really forbids eval is the CSP (`script-src 'self'`, no 'unsafe-eval'), so
 *   `hx-on:*`, `js:` values (hx-vals, hx-confirm) and trigger filters (`click[ctrlKey]`) fail with
 *   an EvalError: do not use them; write a small script under /assets instead.
 * - `includeIndicatorCSS: false`: htmx would add its `.htmx-indicator` rules through a
 *   constructed stylesheet; app.css carries the same rules, so nothing style-related is injected.
 */
const HTMX_CONFIG = { noSwap: [204, 304, '5xx'], allowEval: false, includeIndicatorCSS: false } as const;

/**
 * The shell every page shares: stylesheet, htmx, and (for a signed-in member) a top bar with
 * the org, the user and a sign-out button, plus the keyboard shortcuts and their help overlay.
 *
 * htmx sends `HX-Request: true` on every request it makes, so no `hx-headers` is set here; the
 * CSRF check on cookie-authenticated mutations relies on that header.
 *
 * @example
 * c.html(
 *   <Layout title={t('account.security.title')} user={{ name: 'Ada', email: 'ada@acme.test', orgName: 'Acme', role: 'agent' }} nav={<AppNav current="security" />}>
 *     <h1>{t('account.security.title')}</h1>
 *   </Layout>,
 * );
 */
export function Layout(props: {
  title: string;
  children: Child;
  user?: LayoutUser | undefined;
  nav?: Child;
  /** Load htmx with the hx-sse extension, for pages that take live updates. */
  sse?: boolean | undefined;
  /** The words in the top bar's ticket search box (the search results page). */
  q?: string | undefined;
}) {
  const { user } = props;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={reader().locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="htmx-config" content={JSON.stringify(HTMX_CONFIG)} />
          <title>{t('shell.document_title', { title: props.title })}</title>
          {/* No favicon yet: an empty data: icon stops the browser asking for /favicon.ico (a 404). */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/assets/app.css" />
          <script src={props.sse ? '/assets/htmx-sse.js' : '/assets/htmx.js'} defer></script>
          {user ? <script src="/assets/shortcuts.js" defer></script> : null}
        </head>
        <body>
          {/* Shown while a form or button waits on htmx (app.css): the indicator for slow actions. */}
          <div class="request-indicator" aria-hidden="true"></div>
          <a class="skip-link" href="#main">
            {t('shell.skip_to_content')}
          </a>
          {user || props.nav ? (
            <header class="topbar">
              <a class="brand" href={user ? (user.role === 'customer' ? '/portal' : '/app') : '/'}>
                {t('app.name')}
              </a>
              {user ? <span class="org">{user.orgName}</span> : null}
              {props.nav ? (
                <nav aria-label={t('shell.main_nav_label')}>
                  {props.nav}
                  {/* Admin pages are for the roles that hold the admin permissions (sql/003_permissions.sql). */}
                  {user && (user.role === 'admin' || user.role === 'owner') ? <a href="/app/admin">{t('shell.nav.admin')}</a> : null}
                </nav>
              ) : null}
              {/* After the links, not among them: a search landmark of its own, last on a phone's narrow bar too. */}
              {user && user.role !== 'customer' && props.nav ? <NavSearch q={props.q} /> : null}
              {user ? (
                <div class="user">
                  <span title={user.email}>{user.name}</span>
                  <span class="muted role">{roleLabel(user.role)}</span>
                  <LanguageMenu signedIn />
                  <button type="button" class="secondary" hx-post="/logout" hx-swap="none">
                    {t('shell.sign_out')}
                  </button>
                </div>
              ) : null}
            </header>
          ) : null}
          <main id="main">
            {user?.workerAlert ? <WorkerAlertBanner alert={user.workerAlert} /> : null}
            {props.children}
          </main>
          {user ? <ShortcutHelp /> : null}
        </body>
      </html>
    </>
  );
}
