import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
import { idParams } from '../../../../lib/http/schemas.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

/**
 * DELETE /api/v1/custom-fields/:id — archives the field (204): tickets keep their values for
 * history, but the field is no longer shown, validated or required. Its key stays taken.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const [field] = await db<{ key: string }[]>`
      update custom_fields set archived_at = now() where id = ${params.id} and archived_at is null returning key`;
    if (!field) throw new HttpError(404, 'not_found', `No custom field ${params.id} in this organization`);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'custom_field.archive', targetType: 'custom_field', targetId: params.id, details: { key: field.key } });
    return c.body(null, 204);
  },
});
