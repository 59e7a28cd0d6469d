import * as v from 'valibot';
import { createApiKey } from '../../../../lib/auth/api-keys.ts';
import { PERMISSIONS } from '../../../../lib/auth/permissions.ts';
import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

const Body = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(100)),
  permissions: v.pipe(v.array(v.picklist(PERMISSIONS)), v.minLength(1, 'give the key at least one permission')),
  expires_at: v.optional(v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp'), v.check((s) => Date.parse(s) > Date.now(), 'must be in the future'))),
});

/** POST /api/v1/api-keys — `{name, permissions, expires_at?}`; the answer holds the key, shown this once. */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  body: Body,
  async handler({ c, db, caller, body }) {
    const { key, view } = await createApiKey(db, caller, c.var.deps.rolePermissions, body);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'api_key.create', targetType: 'api_key', targetId: view.id, details: { name: view.name, permissions: view.permissions } });
    return c.json({ ...view, key }, 201);
  },
});
