import { listApiKeys } from '#lib/api-keys/keys.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/api-keys — the org's keys, newest first; never the keys themselves. */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  async handler({ db }) {
    return { items: await listApiKeys(db) };
  },
});
