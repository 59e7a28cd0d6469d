import { slaPageData } from '#lib/pages/admin-page-data.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { SlaBody } from '#views/admin/sla.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/sla — business calendars (with a form to add one) and SLA policies in order. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="sla" title={t('admin_sla.title')}>
        <SlaBody {...(await slaPageData(db))} />
      </AdminLayout>,
    );
  },
});
