import { idParams } from '#lib/http/schemas.ts';
import { findPolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/sla/policies/:id — one policy; another org's id is 404. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  params: idParams,
  async handler({ db, params }) {
    return findPolicy(db, params.id);
  },
});
