import { FieldPatchBody, updateField } from '#lib/custom-fields/changes.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * PATCH /api/v1/custom-fields/:id — `{label?, options?, pattern?, required_from?,
 * visible_to_customers?, position?}`. Key and type never change. `options` replaces the list:
 * adding and reordering are safe, removing an option that tickets still hold is 409
 * `option_in_use` with their count; a `pattern` (regex fields) that tickets' values would no
 * longer match is 409 `pattern_in_use`.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  body: FieldPatchBody,
  async handler({ c, db, caller, params, body }) {
    return updateField(db, caller.orgId, actorOf(c, caller), params.id, body);
  },
});
