import { calendarPageData } from '#lib/pages/admin-page-data.ts';
import { calendarFormValues } from '#lib/sla/calendar-form.ts';
import { idParams } from '#lib/http/schemas.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { CalendarBody } from '#views/admin/sla-calendar.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/sla/calendars/:id — one calendar to edit: hours, holidays, delete. Another org's id is a 404. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const data = await calendarPageData(db, params.id);
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="sla" title={t('admin_sla.title')}>
        <CalendarBody {...data} form={{ errors: {}, values: calendarFormValues(data.calendar) }} />
      </AdminLayout>,
    );
  },
});
