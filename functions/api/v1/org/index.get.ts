import { readOrg } from '#lib/orgs/settings.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/org — the caller's organization. */
export default endpoint({
  auth: { permission: 'org.read' },
  async handler({ db }) {
    return readOrg(db);
  },
});
