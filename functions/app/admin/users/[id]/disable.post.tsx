import { attempt } from '../../../../../lib/admin/form-errors.ts';
import { updateMembership } from '../../../../../lib/admin/members.ts';
import { usersPageData } from '../../../../../lib/admin/pages.ts';
import { idParams } from '../../../../../lib/http/schemas.ts';
import { pagePerson } from '../../../../../lib/admin/page-caller.ts';
import { endpoint } from '../../../../../lib/router/endpoint.ts';
import { UsersBody } from '../../../../../views/admin/users.tsx';

/** POST /app/admin/users/:id/disable — disables a member (as PATCH /api/v1/users/:id `{disabled: true}`); answers the page body. */
export default endpoint({
  auth: { permission: 'users.manage' },
  params: idParams,
  async handler({ c, db, caller: presented, params }) {
    const caller = pagePerson(presented);
    const roles = c.var.deps.rolePermissions;
    const done = await attempt(db, (sp) => updateMembership(sp, caller, roles, params.id, { disabled: true }));
    const data = await usersPageData(db, caller, roles);
    if (done.ok) return c.html(<UsersBody data={data} state={{ notice: 'Disabled: they are signed out everywhere and cannot sign in.' }} />);
    const message = done.message ?? Object.values(done.errors)[0] ?? 'Not changed';
    return c.html(<UsersBody data={data} state={{ rowError: { userId: params.id, message }, error: done.status === 404 ? message : undefined }} />, done.status as 400);
  },
});
