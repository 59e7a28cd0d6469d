import { audit } from '#lib/audit.ts';
import { clearSessionCookies, cookieNames, readSessionCookies } from '#lib/auth/cookies.ts';
import { revokeByRefreshToken, revokeSession } from '#lib/auth/sessions.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { pageRedirect } from '#lib/http/page-redirect.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /logout — the top bar's Sign out: ends the cookie session (the access cookie's, or the
 * refresh cookie's when that is all that is left), records it, clears both cookies and sends
 * the browser to the sign-in page. Signing out twice, or when not signed in, is fine.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c, caller }) {
    const { sql, config } = c.var.deps;
    const ip = c.var.clientIp;
    const names = cookieNames(config.publicUrl);
    if (caller.kind === 'member' && caller.via === 'cookie' && caller.sessionId) {
      const { orgId, userId, role, sessionId } = caller;
      await withTenant(sql, { orgId, userId, role }, async (tx) => {
        if (await revokeSession(tx, sessionId, 'logout')) await audit(tx, orgId, { userId, ip }, { action: 'auth.logout', targetType: 'session', targetId: sessionId });
      });
    }
    const { refresh } = readSessionCookies(c, names);
    if (refresh) {
      const ended = await revokeByRefreshToken(sql, refresh, 'logout');
      if (ended) {
        await withTenant(sql, { orgId: ended.orgId, userId: ended.userId, role: null }, (tx) =>
          audit(tx, ended.orgId, { userId: ended.userId, ip }, { action: 'auth.logout', targetType: 'session', targetId: ended.sessionId }),
        );
      }
    }
    clearSessionCookies(c, names);
    return pageRedirect(c, '/login');
  },
});
