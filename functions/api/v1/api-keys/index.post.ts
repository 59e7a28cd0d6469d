import { issueApiKey, NewApiKeyBody } from '#lib/api-keys/issue.ts';
import { actorOf } from '#lib/http/client.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** POST /api/v1/api-keys — `{name, permissions, expires_at?}`; the answer holds the key, shown this once. */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  body: NewApiKeyBody,
  async handler({ c, db, caller, body }) {
    return c.json(await issueApiKey(db, caller, c.var.deps.rolePermissions, actorOf(c, caller), body), 201);
  },
});
