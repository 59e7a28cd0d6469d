import * as v from 'valibot';
import { audit } from '#lib/audit.ts';
import { revokeByRefreshToken, revokeSession } from '#lib/auth/sessions.ts';
import { withTenant } from '#lib/db/tenant.ts';
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
    const { sql } = c.var.deps;
    const ip = c.var.clientIp;
    if (caller.kind === 'member' && caller.sessionId) {
      const { orgId, userId, role, sessionId } = caller;
      await withTenant(sql, { orgId, userId, role }, async (tx) => {
        if (await revokeSession(tx, sessionId, 'logout')) await audit(tx, orgId, { userId, ip }, { action: 'auth.logout', targetType: 'session', targetId: sessionId });
      });
    }
    if (body?.refresh_token) {
      const ended = await revokeByRefreshToken(sql, body.refresh_token, 'logout');
      if (ended) {
        await withTenant(sql, { orgId: ended.orgId, userId: ended.userId, role: null }, (tx) =>
          audit(tx, ended.orgId, { userId: ended.userId, ip }, { action: 'auth.logout', targetType: 'session', targetId: ended.sessionId }),
        );
      }
    }
    return c.body(null, 204);
  },
});
