import * as v from 'valibot';
import { endpoint } from '../../../../lib/router/endpoint.ts';
import { HttpError } from '../../../../lib/http/errors.ts';

/** GET /api/v1/users/:id — one member; another org's user is a 404, by RLS. */
export default endpoint({
  auth: { permission: 'users.read' },
  params: v.object({ id: v.pipe(v.string(), v.uuid('must be a UUID')) }),
  async handler({ db, params }) {
    const [user] = await db`
      select u.id, u.email, u.name, m.role, m.disabled_at, m.created_at
      from memberships m join users u on u.id = m.user_id
      where m.user_id = ${params.id}`;
    if (!user) throw new HttpError(404, 'not_found', `No user ${params.id} in this organization`);
    return user;
  },
});
