import { t } from '#lib/i18n/translate.ts';
import * as v from 'valibot';
import { changeMemberRow } from '#lib/pages/member-row-change.ts';
import { usersPageData } from '#lib/pages/admin-page-data.ts';
import { ROLES } from '#lib/db/tenant.ts';
import { readForm } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { UsersBody } from '#views/admin/users.tsx';

const Form = v.object({ role: v.picklist(ROLES, () => t('admin.users.pick_role')) });

/** POST /app/admin/users/:id/role — changes a member's role (as PATCH /api/v1/users/:id); answers the page body. */
export default endpoint({
  auth: { permission: 'users.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const roles = c.var.deps.rolePermissions;
    const form = await readForm(c, Form);
    if (!form.ok) {
      const rowError = { userId: params.id, message: t('admin.users.role_refused', { reason: Object.values(form.errors)[0] ?? '' }) };
      return c.html(<UsersBody data={await usersPageData(db, caller, roles)} state={{ rowError }} />, 400);
    }
    // Another org's member (or no such member) is a 404, with the page as it is.
    const done = await changeMemberRow(db, caller, roles, params.id, { role: form.value.role }, (m) => t('admin.users.role_changed', { role: m.role }));
    return c.html(<UsersBody data={done.data} state={done.state} />, done.status);
  },
});
