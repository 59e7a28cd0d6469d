import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import { HttpError } from './errors.ts';
import { t } from '#lib/i18n/translate.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard, first half, for every request: a state-changing request
 * that carries the session cookies, or that goes to a page (sign-in forms included, against
 * login CSRF), must come from our own origin: the Origin header, or Sec-Fetch-Site when a
 * browser leaves Origin out. Bearer-authenticated API calls carry no ambient credential and
 * pass. The origin is PUBLIC_URL's, since behind a TLS proxy the server only sees plain http.
 *
 * @example
 * app.use('*', csrfGuard(config.publicUrl));
 */
export function csrfGuard(publicUrl: string): MiddlewareHandler<AppEnv> {
  const origin = new URL(publicUrl).origin;
  return async function csrfGuardMiddleware(c, next) {
    if (SAFE.has(c.req.method)) return next();
    const caller = c.var.caller;
    const sentOrigin = c.req.header('origin');
    const cookieAuthenticated = caller.kind === 'member' && caller.via === 'cookie';
    const isPage = !c.req.path.startsWith('/api/');
    if (sentOrigin !== undefined && sentOrigin !== origin && (cookieAuthenticated || isPage)) {
      throw new HttpError(403, 'csrf_rejected', t('error.csrf_foreign_origin', { sent: sentOrigin.slice(0, 100), origin }));
    }
    if (cookieAuthenticated && sentOrigin !== origin && c.req.header('sec-fetch-site') !== 'same-origin') {
      throw new HttpError(403, 'csrf_rejected', t('error.csrf_no_origin'));
    }
    return next();
  };
}

/**
 * Second half, for endpoints that act as the cookie's signed-in person: the request must also
 * carry `HX-Request` (htmx sends it) or `X-CSRF-Token`, headers a cross-site form cannot send
 * and cross-origin fetch cannot add without a CORS preflight, which we never grant. Public
 * endpoints (sign-in, sign-out) skip it, so a stale cookie never blocks a plain form sign-in.
 */
export function assertCsrfHeader(c: Context<AppEnv>): void {
  if (SAFE.has(c.req.method)) return;
  if (c.req.header('hx-request') === 'true' || c.req.header('x-csrf-token') !== undefined) return;
  throw new HttpError(403, 'csrf_rejected', t('error.csrf_no_header'));
}
