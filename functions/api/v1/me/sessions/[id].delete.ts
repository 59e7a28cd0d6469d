import { audit } from '../../../../../lib/audit.ts';
import { revokeSession } from '../../../../../lib/auth/sessions.ts';
import { HttpError } from '../../../../../lib/http/errors.ts';
import { idParams } from '../../../../../lib/http/schemas.ts';
import { endpoint } from '../../../../../lib/router/endpoint.ts';

/** DELETE /api/v1/me/sessions/:id — signs one of the caller's own sessions out. */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  params: idParams,
  async handler({ c, db, caller, params }) {
    const [own] = await db`select 1 as ok from sessions where id = ${params.id} and user_id = ${caller.userId} and revoked_at is null`;
    if (!own) throw new HttpError(404, 'not_found', 'No live session of yours with that id');
    await revokeSession(db, params.id, 'revoked_by_user');
    await audit(db, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, { action: 'session.revoke', targetType: 'session', targetId: params.id });
    return c.body(null, 204);
  },
});
