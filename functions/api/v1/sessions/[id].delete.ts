import { audit } from '#lib/audit/record.ts';
import { revokeSession } from '#lib/auth/sessions.ts';
import { actorOf } from '#lib/http/client.ts';
import { HttpError } from '#lib/http/errors.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/** DELETE /api/v1/sessions/:id — an admin signs any member's session out. */
export default endpoint({
  auth: { permission: 'users.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const userId = await revokeSession(db, params.id, 'revoked_by_admin');
    if (!userId) throw new HttpError(404, 'not_found', t('error.session_not_found'));
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'session.revoke', targetType: 'session', targetId: params.id, details: { user_id: userId } });
    return c.body(null, 204);
  },
});
