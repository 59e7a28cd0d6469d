import { attempt } from '#lib/pages/form-errors.ts';
import { calendarFormValues, checkCalendarForm } from '#lib/sla/calendar-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { createCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { CalendarBody, NewCalendarBody } from '#views/admin/sla-calendar.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/sla/calendars — a calendar from the form, checked by POST
 * /api/v1/sla/calendars's own schema (refused: 422 with the reasons beside the fields). Created,
 * it answers the new calendar's page body and puts its URL in the address bar.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const values = await readFormFields(c);
    const checked = checkCalendarForm(values);
    if (!checked.ok) return c.html(<NewCalendarBody form={{ errors: checked.errors, values }} />, 422);
    const done = await attempt(db, (sp) => createCalendar(sp, caller.orgId, actorOf(c, caller), checked.value), { calendar_exists: 'name' });
    if (!done.ok) return c.html(<NewCalendarBody form={{ errors: done.errors, values }} error={done.message} />, done.status);
    const calendar = done.value;
    const body = (
      <CalendarBody calendar={calendar} usedBy={[]} form={{ errors: {}, values: calendarFormValues(calendar) }} state={{ notice: t('admin_sla.notice.calendar_created', { name: calendar.name }) }} />
    );
    return c.html(body, 200, { 'HX-Push-Url': `/app/admin/sla/calendars/${calendar.id}` });
  },
});
