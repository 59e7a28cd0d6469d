import { endpoint } from '../../../../lib/router/endpoint.ts';

/** GET /api/v1/api-keys — the org's keys, newest first; never the keys themselves. */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  async handler({ db }) {
    const items = await db`
      select id, name, display_prefix, permissions, created_by, created_at, expires_at, last_used_at, revoked_at
      from api_keys order by created_at desc limit 500`;
    return { items };
  },
});
