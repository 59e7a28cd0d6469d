import { endpoint } from '../../../../lib/router/endpoint.ts';

/** GET /api/v1/org — the caller's organization. */
export default endpoint({
  auth: { permission: 'org.read' },
  async handler({ db }) {
    const [org] = await db`select id, slug, name, settings, require_2fa, ip_allowlist::text[] as ip_allowlist, created_at, updated_at from organizations`;
    return org;
  },
});
