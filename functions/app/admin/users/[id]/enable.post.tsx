import { t } from '#lib/i18n/translate.ts';
import { changeMemberRow } from '#lib/pages/member-row-change.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { UsersBody } from '#views/admin/users.tsx';

/** POST /app/admin/users/:id/enable — enables a member (as PATCH /api/v1/users/:id `{disabled: false}`); answers the page body. */
export default endpoint({
  auth: { permission: 'users.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const done = await changeMemberRow(db, caller, c.var.deps.rolePermissions, params.id, { disabled: false }, () => t('admin.users.enabled_notice'));
    return c.html(<UsersBody data={done.data} state={done.state} />, done.status);
  },
});
