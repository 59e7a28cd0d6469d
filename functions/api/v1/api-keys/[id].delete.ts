import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
import { idParams } from '../../../../lib/http/schemas.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

/** DELETE /api/v1/api-keys/:id — revokes a key; the next request made with it gets 401. */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const [row] = await db`
      update api_keys set revoked_at = now(), revoked_by = ${caller.kind === 'member' ? caller.userId : null}
      where id = ${params.id} and revoked_at is null returning id`;
    if (!row) throw new HttpError(404, 'not_found', 'No live API key with that id in this organization');
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'api_key.revoke', targetType: 'api_key', targetId: params.id });
    return c.body(null, 204);
  },
});
