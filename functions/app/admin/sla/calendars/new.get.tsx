import { NEW_CALENDAR_VALUES } from '#lib/sla/calendar-form.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { NewCalendarBody } from '#views/admin/sla-calendar.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/sla/calendars/new — the new-calendar form, Monday to Friday 09:00–17:00 to start from. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="sla" title={t('admin_sla.title')}>
        <NewCalendarBody form={{ errors: {}, values: NEW_CALENDAR_VALUES }} />
      </AdminLayout>,
    );
  },
});
