import { t } from '#lib/i18n/translate.ts';
import { apiKeysPageData } from '#lib/pages/admin-page-data.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { ApiKeysBody } from '#views/admin/api-keys.tsx';

/** GET /app/admin/api-keys — the org's API keys and the form that creates one. */
export default endpoint({
  auth: { permission: 'api_keys.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="api-keys" title={t('admin.nav.api_keys')}>
        <ApiKeysBody {...(await apiKeysPageData(db, caller, c.var.deps.rolePermissions))} />
      </AdminLayout>,
    );
  },
});
