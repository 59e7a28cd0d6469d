import * as v from 'valibot';
import { logout } from '#lib/auth/logout.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/auth/logout — ends the session of the bearer access token, or of
 * `{refresh_token}` when that is all the client has left. Always 204: signing out twice is fine.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  body: v.optional(v.object({ refresh_token: v.optional(v.pipe(v.string(), v.maxLength(512))) })),
  async handler({ c, caller, body }) {
    await logout(c.var.deps.unscoped, caller, body?.refresh_token, c.var.clientIp);
    return c.body(null, 204);
  },
});
