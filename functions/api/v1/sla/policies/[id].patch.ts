import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { PolicyPatch, updatePolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** PATCH /api/v1/sla/policies/:id — any policy field; open tickets are re-computed by a background job. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  params: idParams,
  body: PolicyPatch,
  async handler({ c, db, caller, params, body }) {
    return updatePolicy(db, caller.orgId, actorOf(c, caller), params.id, body);
  },
});
