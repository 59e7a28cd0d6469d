import { t } from '#lib/i18n/translate.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { RolesTable } from '#views/admin/roles.tsx';

/** GET /app/admin/roles — each role against the permissions it holds. */
export default endpoint({
  auth: { permission: 'users.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="roles" title={t('admin.nav.roles')}>
        <RolesTable grants={c.var.deps.rolePermissions} />
      </AdminLayout>,
    );
  },
});
