import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { HttpError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for browser requests. A state-changing request that the
 * session cookies authenticate must come from our own origin (Origin header, or Sec-Fetch-Site
 * when a browser leaves Origin out) and carry `HX-Request` or `X-CSRF-Token`: headers that a
 * cross-site form cannot send and that cross-origin fetch cannot add without a CORS preflight,
 * which we never grant. Any unsafe request to a page (sign-in forms included, against login
 * CSRF) that names a foreign Origin is refused too. Bearer-authenticated API calls carry no
 * ambient credential and pass. The origin is PUBLIC_URL's, since behind a TLS proxy the server
 * itself only sees plain http.
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
      throw new HttpError(403, 'csrf_rejected', `Cross-site request refused: it came from ${sentOrigin.slice(0, 100)}, not ${origin}`);
    }
    if (cookieAuthenticated) {
      const sameSite = sentOrigin === origin || c.req.header('sec-fetch-site') === 'same-origin';
      const marked = c.req.header('hx-request') === 'true' || c.req.header('x-csrf-token') !== undefined;
      if (!sameSite || !marked) {
        throw new HttpError(403, 'csrf_rejected', 'Cross-site request refused: send it from the ATUM DESK pages, or use a Bearer token');
      }
    }
    return next();
  };
}
