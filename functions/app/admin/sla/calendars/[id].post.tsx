import { attempt } from '#lib/pages/form-errors.ts';
import { calendarPageData } from '#lib/pages/admin-page-data.ts';
import { calendarFormValues, checkCalendarForm } from '#lib/sla/calendar-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { updateCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { CalendarBody } from '#views/admin/sla-calendar.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/sla/calendars/:id — name, zone, around the clock and weekly hours, checked by
 * the API's CalendarInput and saved as PATCH /api/v1/sla/calendars/:id does (which enqueues the
 * recompute of open tickets). Refused: 422 with the reasons beside the fields, nothing saved.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const data = await calendarPageData(db, params.id);
    const values = await readFormFields(c);
    const checked = checkCalendarForm(values);
    if (!checked.ok) return c.html(<CalendarBody {...data} form={{ errors: checked.errors, values }} />, 422);
    const done = await attempt(db, (sp) => updateCalendar(sp, caller.orgId, actorOf(c, caller), params.id, checked.value), {
      calendar_exists: 'name',
      calendar_never_open: 'weekly',
      sla_target_unreachable: 'weekly',
    });
    if (!done.ok) return c.html(<CalendarBody {...data} form={{ errors: done.errors, values }} state={{ error: done.message }} />, done.status);
    const notice = t('admin_sla.notice.calendar_saved');
    return c.html(<CalendarBody calendar={done.value} usedBy={data.usedBy} form={{ errors: {}, values: calendarFormValues(done.value) }} state={{ notice }} />);
  },
});
