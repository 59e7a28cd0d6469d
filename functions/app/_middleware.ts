import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import { isHtmx, loginPath, pageRedirect } from '#lib/http/page-redirect.ts';

/**
 * The agent app is for members: anyone else is sent to sign in, and comes back afterwards
 * (a 302 for a page load, `HX-Redirect` for an htmx request, whose fetch would otherwise
 * follow the redirect and swap the sign-in page into a fragment).
 */
const requireMemberPage: MiddlewareHandler<AppEnv> = async function requireMemberPage(c, next) {
  if (c.var.caller.kind !== 'member') return pageRedirect(c, loginPath(c), 302);
  // Customers use the portal: a page load or htmx request goes there (their account pages, 2FA
  // and sessions, stay here). Anything else, such as the event stream, gets the endpoint's own 403.
  const wantsPage = isHtmx(c) || (c.req.header('accept') ?? '').includes('text/html');
  if (c.var.caller.role === 'customer' && wantsPage && !c.req.path.startsWith('/app/account/')) return pageRedirect(c, '/portal', 302);
  await next();
};
export default requireMemberPage;
