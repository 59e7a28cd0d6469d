import { clearSessionCookies, cookieNames } from '#lib/auth/cookies.ts';
import { revokeOwnSession } from '#lib/auth/sessions.ts';
import { t } from '#lib/i18n/translate.ts';
import { pageRedirect } from '#lib/http/page-redirect.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SessionGoneRow } from '#views/session-row.tsx';

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
    if (!(await revokeOwnSession(db, caller, params.id, c.var.clientIp))) {
      return c.html(<SessionGoneRow message={t('account.sessions.already_gone')} error />, 404);
    }
    if (params.id === caller.sessionId) {
      clearSessionCookies(c, cookieNames(c.var.deps.config.publicUrl));
      return pageRedirect(c, '/login');
    }
    return c.html(<SessionGoneRow message={t('account.sessions.revoked')} />);
  },
});
