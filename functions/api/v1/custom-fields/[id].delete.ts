import { archiveField } from '#lib/custom-fields/changes.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * DELETE /api/v1/custom-fields/:id — archives the field (204): tickets keep their values for
 * history, but the field is no longer shown, validated or required. Its key stays taken;
 * POST /api/v1/custom-fields/:id/unarchive brings it back.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    await archiveField(db, caller.orgId, actorOf(c, caller), params.id);
    return c.body(null, 204);
  },
});
