import { revokeApiKey } from '#lib/api-keys/keys.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/api-keys/:id — revokes a key; the next request made with it gets 401. */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    await revokeApiKey(db, caller.orgId, actorOf(c, caller), params.id);
    return c.body(null, 204);
  },
});
