import { t } from '#lib/i18n/translate.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { revokeInvitation } from '#lib/invitations/pending.ts';
import { usersPageData } from '#lib/pages/admin-page-data.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { UsersBody } from '#views/admin/users.tsx';

/** POST /app/admin/users/invitations/:id/revoke — withdraws a pending invitation (as DELETE /api/v1/invitations/:id). */
export default endpoint({
  auth: { permission: 'users.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const done = await attempt(db, (sp) => revokeInvitation(sp, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, params.id));
    const data = await usersPageData(db, caller, c.var.deps.rolePermissions);
    if (done.ok) return c.html(<UsersBody data={data} state={{ notice: t('admin.users.invitation_withdrawn') }} />);
    return c.html(<UsersBody data={data} state={{ error: done.message }} />, done.status as 404);
  },
});
