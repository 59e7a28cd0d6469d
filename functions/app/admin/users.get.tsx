import { t } from '#lib/i18n/translate.ts';
import { usersPageData } from '#lib/pages/admin-page-data.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { UsersBody } from '#views/admin/users.tsx';

/** GET /app/admin/users — members with their role and access, pending invitations, the invite form. */
export default endpoint({
  auth: { permission: 'users.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const data = await usersPageData(db, caller, c.var.deps.rolePermissions);
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="users" title={t('admin.nav.users')}>
        <UsersBody data={data} />
      </AdminLayout>,
    );
  },
});
