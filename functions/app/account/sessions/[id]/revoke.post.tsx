import { audit } from '../../../../../lib/audit.ts';
import { clearSessionCookies, cookieNames } from '../../../../../lib/auth/cookies.ts';
import { revokeSession } from '../../../../../lib/auth/sessions.ts';
import { pageRedirect } from '../../../../../lib/http/page-redirect.ts';
import { idParams } from '../../../../../lib/http/schemas.ts';
import { endpoint } from '../../../../../lib/router/endpoint.ts';
import { SessionGoneRow } from '../../../../../views/session-row.tsx';

/**
 * POST /app/account/sessions/:id/revoke — signs one of the caller's own sessions out and
 * answers the table row that replaces it. Signing out this very session is signing out: the
 * cookies go and the browser is sent to the sign-in page.
 */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  params: idParams,
  async handler({ c, db, caller, params }) {
    const [own] = await db`select 1 as ok from sessions where id = ${params.id} and user_id = ${caller.userId} and revoked_at is null`;
    if (!own) return c.html(<SessionGoneRow message="That session has already been signed out." error />, 404);
    await revokeSession(db, params.id, 'revoked_by_user');
    await audit(db, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, { action: 'session.revoke', targetType: 'session', targetId: params.id });
    if (params.id === caller.sessionId) {
      clearSessionCookies(c, cookieNames(c.var.deps.config.publicUrl));
      return pageRedirect(c, '/login');
    }
    return c.html(<SessionGoneRow message="Signed out. That device will have to sign in again." />);
  },
});
