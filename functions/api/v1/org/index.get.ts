import { ORG_COLUMNS } from '../../../../lib/orgs.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

/** GET /api/v1/org — the caller's organization. */
export default endpoint({
  auth: { permission: 'org.read' },
  async handler({ db }) {
    const [org] = await db`select ${db.unsafe(ORG_COLUMNS)} from organizations`;
    return org;
  },
});
