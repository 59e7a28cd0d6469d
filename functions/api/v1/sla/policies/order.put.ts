import * as v from 'valibot';
import { notEmpty } from '#lib/http/validation-messages.ts';
import { actorOf } from '#lib/http/client.ts';
import { uuid } from '#lib/http/schemas.ts';
import { reorderPolicies } from '#lib/sla/policy-order.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** PUT /api/v1/sla/policies/order — `{ids: [...]}`: these policies first, in this order; the rest keep theirs after them. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  body: v.strictObject({ ids: v.pipe(v.array(uuid), v.minLength(1, notEmpty), v.maxLength(1000)) }),
  async handler({ c, db, caller, body }) {
    return { items: await reorderPolicies(db, caller.orgId, actorOf(c, caller), body.ids) };
  },
});
