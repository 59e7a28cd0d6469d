import { revokeInvitation } from '#lib/invitations/pending.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/invitations/:id — withdraws a pending invitation; its link stops working. */
export default endpoint({
  auth: { permission: 'users.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    await revokeInvitation(db, caller.orgId, actorOf(c, caller), params.id);
    return c.body(null, 204);
  },
});
