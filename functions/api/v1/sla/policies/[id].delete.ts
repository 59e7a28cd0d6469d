import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { deletePolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/sla/policies/:id — 204; its tickets are re-matched by a background job, keeping breached and fulfilled targets. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    await deletePolicy(db, caller.orgId, actorOf(c, caller), params.id);
    return c.body(null, 204);
  },
});
