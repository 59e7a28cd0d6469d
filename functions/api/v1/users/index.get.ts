import { listMembers } from '#lib/members/membership.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/users — the organization's members, staff first. */
export default endpoint({
  auth: { permission: 'users.read' },
  async handler({ db }) {
    return { users: await listMembers(db) };
  },
});
