import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './app-env.ts';
import { resolveCaller } from './auth/resolve-caller.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isConnectionError, ruleViolation, sqlState } from './db/errors.ts';
import { csrfGuard } from './http/csrf.ts';
import { ruleMessage } from './db/rule-message.ts';
import { HttpError, sendError } from './http/errors.ts';
import { isHtmx, loginPath, pageRedirect } from './http/page-redirect.ts';
import { requestReader } from './i18n/request-reader.ts';
import { t } from './i18n/translate.ts';
import { mountRouteTable, type Routing } from './router/mount.ts';

/**
 * The whole HTTP surface: security headers, caller resolution, the file routes, and one error
 * handler that turns every failure into the JSON error shape (or, outside /api, an HTML page
 * rendered by the table's functions/_error.tsx).
 *
 * @example
 * const app = createApp(deps, await loadRouteTable());
 * const res = await app.request('/api/v1/health');
 */
export function createApp(deps: AppDeps, table: Routing): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async function injectDeps(c, next) {
    c.set('deps', deps);
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
      // A handler that sets its own (the attachment download's sandbox) keeps it.
      overwrite: false,
    }),
  );
  app.use('*', requestReader());
  app.use('*', resolveCaller());
  app.use('*', csrfGuard(deps.config.publicUrl));
  mountRouteTable(app, table);
  app.onError((err, c) => {
    const httpError = toHttpError(err);
    if (httpError.status >= 500 && httpError.code === 'internal_error') {
      console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path} failed:`, err);
    }
    if (c.req.path.startsWith('/api/') || c.req.path === '/api' || !prefersHtml(c.req.header('accept'))) return sendError(c, httpError);
    // A page that needs a session sends the browser to sign in (and back), and one that needs
    // the 2FA the org requires sends it to set that up, rather than showing an error page.
    if (httpError.status === 401) return pageRedirect(c, loginPath(c), 302);
    if (httpError.status === 403 && httpError.code === 'mfa_enrollment_required') return pageRedirect(c, '/app/account/security', 302);
    for (const [k, value] of Object.entries(httpError.headers ?? {})) c.header(k, value);
    // htmx swaps every status into its target: give it the message, not a whole page inside a page.
    if (isHtmx(c)) return c.html(table.errorPages.fragment(httpError.message), httpError.status);
    return c.html(table.errorPages.page(httpError.status, httpError.message), httpError.status);
  });
  return app;
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (isConnectionError(err)) {
    return new HttpError(503, 'database_unavailable', t('error.database_unavailable'), undefined, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  // Input that passed validation but that PostgreSQL still refuses (a NUL in text, a number out
  // of range, a duplicate) is the client's to fix: a 4xx, and the transaction rolled back.
  const rule = ruleViolation(err);
  if (rule) return new HttpError(422, rule.constraint === 'ticket_status_transition' ? 'invalid_transition' : 'custom_fields_required', ruleMessage(rule));
  const state = sqlState(err);
  if (state?.startsWith('22') || state === '23514' || state === '23502') {
    return new HttpError(400, 'invalid_input', t('error.invalid_input'));
  }
  // A row-level security policy refused a write the handler let through (sql/009's saved views,
  // say): the caller may see the row but not change it.
  if (state === '42501' && /row-level security/.test(String((err as { message?: unknown }).message))) {
    return new HttpError(403, 'forbidden', t('error.change_refused'));
  }
  if (state === '23505') return new HttpError(409, 'conflict', t('error.conflict'));
  if (state === '23503') return new HttpError(422, 'invalid_reference', t('error.invalid_reference'));
  // Hono's own refusals (a malformed mounted path, say) carry no code: each is given the one
  // of lib/http/errors.ts that its status family means.
  if (err instanceof HTTPException && err.status < 500) {
    if (err.status === 413) return new HttpError(413, 'payload_too_large', err.message || t('error.payload_too_large'));
    return new HttpError(400, 'bad_request', err.message || t('error.bad_request'));
  }
  return new HttpError(500, 'internal_error', t('error.internal'));
}

function prefersHtml(accept: string | undefined): boolean {
  return !!accept && accept.includes('text/html');
}
