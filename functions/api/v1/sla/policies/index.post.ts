import { actorOf } from '#lib/http/client.ts';
import { PolicyInput, createPolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/sla/policies — `{name, calendar_id, targets, conditions?, position?, active?,
 * pause_statuses?, warn_percent?, escalation?}` → 201. `targets` maps a priority to
 * `{first_response?, next_response?, resolution?: {minutes, business_hours?}}`; without a
 * position the policy goes last. Open tickets are re-matched by a background job.
 */
export default endpoint({
  responses: { 201: { description: 'The new policy' } },
  auth: { permission: 'sla.manage' },
  body: PolicyInput,
  async handler({ c, db, caller, body }) {
    const policy = await createPolicy(db, caller.orgId, actorOf(c, caller), body);
    return c.json(policy, 201);
  },
});
