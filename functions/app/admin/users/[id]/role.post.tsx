import * as v from 'valibot';
import { attempt } from '../../../../../lib/admin/form-errors.ts';
import { updateMembership } from '../../../../../lib/admin/members.ts';
import { usersPageData } from '../../../../../lib/admin/pages.ts';
import { ROLES } from '../../../../../lib/db/tenant.ts';
import { readForm } from '../../../../../lib/http/form-body.ts';
import { idParams } from '../../../../../lib/http/schemas.ts';
import { pagePerson } from '../../../../../lib/admin/page-caller.ts';
import { endpoint } from '../../../../../lib/router/endpoint.ts';
import { UsersBody } from '../../../../../views/admin/users.tsx';

const Form = v.object({ role: v.picklist(ROLES, 'pick a role') });

/** POST /app/admin/users/:id/role — changes a member's role (as PATCH /api/v1/users/:id); answers the page body. */
export default endpoint({
  auth: { permission: 'users.manage' },
  params: idParams,
  async handler({ c, db, caller: presented, params }) {
    const caller = pagePerson(presented);
    const roles = c.var.deps.rolePermissions;
    const form = await readForm(c, Form);
    const done = form.ok ? await attempt(db, (sp) => updateMembership(sp, caller, roles, params.id, { role: form.value.role })) : undefined;
    const data = await usersPageData(db, caller, roles);
    if (done?.ok) return c.html(<UsersBody data={data} state={{ notice: `Role changed to ${done.value.role}.` }} />);
    // Another org's member (or no such member) is a 404, with the page as it is.
    const message = done ? (done.message ?? Object.values(done.errors)[0] ?? 'Not changed') : `Role ${form.ok ? '' : (Object.values(form.errors)[0] ?? '')}`;
    return c.html(<UsersBody data={data} state={{ rowError: { userId: params.id, message }, error: done?.status === 404 ? message : undefined }} />, (done?.status ?? 400) as 400);
  },
});
