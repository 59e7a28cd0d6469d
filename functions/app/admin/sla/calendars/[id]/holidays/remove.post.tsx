import { attempt } from '#lib/pages/form-errors.ts';
import { checkHolidayForm } from '#lib/sla/calendar-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { removeHoliday } from '#lib/sla/calendar-holidays.ts';
import { findCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { HolidaysSection } from '#views/admin/sla-calendar.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/sla/calendars/:id/holidays/remove — `date` and `recurring` (on/off) name the
 * holiday to drop; answers the Holidays section. One no longer there is a 404 in that section.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const calendar = await findCalendar(db, params.id);
    const checked = checkHolidayForm(await readFormFields(c));
    const done = checked.ok ? await attempt(db, (sp) => removeHoliday(sp, caller.orgId, actorOf(c, caller), params.id, checked.value)) : undefined;
    if (done?.ok) return c.html(<HolidaysSection calendar={done.value} state={{ notice: t('admin_sla.notice.holiday_removed') }} />);
    const error = done
      ? (done.message ?? Object.values(done.errors)[0])
      : t('admin_sla.notice.holiday_not_removed', { reason: Object.values(checked.ok ? {} : checked.errors)[0] ?? t('admin_sla.notice.date_not_valid') });
    return c.html(<HolidaysSection calendar={calendar} state={{ error }} />, done?.status ?? 422);
  },
});
