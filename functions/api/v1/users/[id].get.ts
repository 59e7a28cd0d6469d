import * as v from 'valibot';
import { mustBeUuid } from '#lib/http/validation-messages.ts';
import { findMember } from '#lib/members/membership.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/users/:id — one member, with their company; another org's user is a 404, by RLS. */
export default endpoint({
  auth: { permission: 'users.read' },
  params: v.object({ id: v.pipe(v.string(), v.uuid(mustBeUuid)) }),
  async handler({ db, params }) {
    return findMember(db, params.id);
  },
});
