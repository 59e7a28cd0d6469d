import { t } from '#lib/i18n/translate.ts';
import * as v from 'valibot';
import { attempt } from '#lib/pages/form-errors.ts';
import { usersPageData } from '#lib/pages/admin-page-data.ts';
import { createInvitation } from '#lib/invitations/invite.ts';
import { ROLES } from '#lib/db/tenant.ts';
import { readForm } from '#lib/http/form-body.ts';
import { HttpError } from '#lib/http/errors.ts';
import { email } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import type { UsersState } from '#lib/pages/member-row-change.ts';
import { UsersBody } from '#views/admin/users.tsx';

const Form = v.object({ email, role: v.picklist(ROLES, () => t('admin.users.pick_role')) });

/** POST /app/admin/users/invite — invites an email with a role (as POST /api/v1/invitations); answers the page body. */
export default endpoint({
  auth: { permission: 'users.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const roles = c.var.deps.rolePermissions;
    const again = async (status: number, state: UsersState) => c.html(<UsersBody data={await usersPageData(db, caller, roles)} state={state} />, status as 200);
    const form = await readForm(c, Form);
    if (!form.ok) return again(400, { invite: form });
    const done = await attempt(
      db,
      async (sp) => {
        if (form.value.role === 'owner' && !roles.get(caller.role)?.has('org.manage_owners')) throw new HttpError(403, 'forbidden', t('error.owner_invites_owner'));
        return createInvitation(sp, c.var.deps, { orgId: caller.orgId, userId: caller.userId, ip: c.var.clientIp }, form.value);
      },
      { already_member: 'email', forbidden: 'role' },
    );
    if (!done.ok) return again(done.status, { invite: { errors: done.errors, values: form.values }, error: done.message });
    return again(200, { notice: t('admin.users.invitation_sent', { email: form.value.email }) });
  },
});
