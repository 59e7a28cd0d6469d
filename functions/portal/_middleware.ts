import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import { loginPath, pageRedirect } from '#lib/http/page-redirect.ts';

/**
 * The portal is for customers: anyone not signed in is sent to sign in (and back), and staff
 * to the agent app, where they work the same tickets with every tool.
 */
const requireCustomerPage: MiddlewareHandler<AppEnv> = async function requireCustomerPage(c, next) {
  const caller = c.var.caller;
  if (caller.kind !== 'member') return pageRedirect(c, loginPath(c), 302);
  if (caller.role !== 'customer') return pageRedirect(c, '/app', 302);
  await next();
};
export default requireCustomerPage;
