import { unarchiveField } from '#lib/custom-fields/changes.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/custom-fields/:id/unarchive — an archived field is live again (last in the
 * display order) with the values tickets kept; a live one is answered as it is.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    return unarchiveField(db, caller.orgId, actorOf(c, caller), params.id);
  },
});
