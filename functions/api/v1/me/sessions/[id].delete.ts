import { revokeOwnSession } from '#lib/auth/sessions.ts';
import { HttpError } from '#lib/http/errors.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/** DELETE /api/v1/me/sessions/:id — signs one of the caller's own sessions out. */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  params: idParams,
  async handler({ c, db, caller, params }) {
    if (!(await revokeOwnSession(db, caller, params.id, c.var.clientIp))) throw new HttpError(404, 'not_found', t('error.own_session_not_found'));
    return c.body(null, 204);
  },
});
