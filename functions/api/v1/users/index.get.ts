import { endpoint } from '../../../../lib/router/endpoint.ts';

/** GET /api/v1/users — the organization's members, staff first. */
export default endpoint({
  auth: { permission: 'users.read' },
  async handler({ db }) {
    const users = await db`
      select u.id, u.email, u.name, m.role, m.disabled_at, m.created_at
      from memberships m join users u on u.id = m.user_id
      order by m.role desc, lower(u.email)
      limit 500`;
    return { users };
  },
});
