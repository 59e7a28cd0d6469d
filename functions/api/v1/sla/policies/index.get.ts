import { listPolicies } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/sla/policies — the organization's SLA policies in the order they are tried (the first match applies). */
export default endpoint({
  auth: { permission: 'sla.manage' },
  async handler({ db }) {
    return { items: await listPolicies(db) };
  },
});
