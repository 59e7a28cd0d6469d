import { attempt } from '#lib/pages/form-errors.ts';
import { calendarPageData, slaPageData } from '#lib/pages/admin-page-data.ts';
import { calendarFormValues } from '#lib/sla/calendar-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { deleteCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SlaBody } from '#views/admin/sla.tsx';
import { CalendarBody } from '#views/admin/sla-calendar.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/sla/calendars/:id/delete — deletes it (as DELETE /api/v1/sla/calendars/:id)
 * and answers the SLA page's body. One a policy uses is refused (409) on its own page, naming
 * the policy.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const data = await calendarPageData(db, params.id);
    const done = await attempt(db, (sp) => deleteCalendar(sp, caller.orgId, actorOf(c, caller), params.id));
    if (!done.ok) return c.html(<CalendarBody {...data} form={{ errors: {}, values: calendarFormValues(data.calendar) }} state={{ error: done.message }} />, done.status);
    return c.html(<SlaBody {...(await slaPageData(db))} state={{ notice: t('admin_sla.notice.calendar_deleted', { name: done.value.name }) }} />, 200, { 'HX-Replace-Url': '/app/admin/sla' });
  },
});
