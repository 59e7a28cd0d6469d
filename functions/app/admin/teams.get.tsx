import { t } from '#lib/i18n/translate.ts';
import { teamsPageData } from '#lib/pages/admin-page-data.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { TeamsBody } from '#views/admin/teams.tsx';

/** GET /app/admin/teams — the teams, each with its members, and the new-team form. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="teams" title={t('admin.nav.teams')}>
        <TeamsBody {...(await teamsPageData(db))} />
      </AdminLayout>,
    );
  },
});
