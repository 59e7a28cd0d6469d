import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
import { idParams } from '../../../../lib/http/schemas.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

/** DELETE /api/v1/invitations/:id — withdraws a pending invitation; its link stops working. */
export default endpoint({
  auth: { permission: 'users.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const [row] = await db`
      update invitations set revoked_at = now()
      where id = ${params.id} and accepted_at is null and revoked_at is null returning id`;
    if (!row) throw new HttpError(404, 'not_found', 'No pending invitation with that id in this organization');
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'member.invite_revoke', targetType: 'invitation', targetId: params.id });
    return c.body(null, 204);
  },
});
