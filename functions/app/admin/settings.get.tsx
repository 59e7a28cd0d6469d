import { t } from '#lib/i18n/translate.ts';
import { settingsPageData } from '#lib/pages/admin-page-data.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { SettingsBody } from '#views/admin/settings.tsx';

/** GET /app/admin/settings — search language, auto-close, the 2FA requirement and the IP allowlist. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="settings" title={t('admin.nav.settings')}>
        <SettingsBody {...(await settingsPageData(db, c.var.clientIp))} />
      </AdminLayout>,
    );
  },
});
