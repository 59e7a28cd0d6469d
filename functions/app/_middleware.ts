import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../lib/app-env.ts';

/** The agent app is for members: anyone else is sent to sign in, and comes back afterwards. */
const requireMemberPage: MiddlewareHandler<AppEnv> = async function requireMemberPage(c, next) {
  if (c.var.caller.kind !== 'member') return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 302);
  await next();
};
export default requireMemberPage;
