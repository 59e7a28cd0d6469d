import { createField, NewFieldBody } from '#lib/custom-fields/changes.ts';
import { actorOf } from '#lib/http/client.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/custom-fields — `{key, label, type, options?, pattern?, required_from?,
 * visible_to_customers?, position?}` → 201. A key in use (archived fields keep theirs) is 409;
 * without `position` the field goes last.
 */
export default endpoint({
  responses: { 201: { description: 'The new field definition' } },
  auth: { permission: 'settings.manage' },
  body: NewFieldBody,
  async handler({ c, db, caller, body }) {
    return c.json(await createField(db, caller.orgId, actorOf(c, caller), body), 201);
  },
});
