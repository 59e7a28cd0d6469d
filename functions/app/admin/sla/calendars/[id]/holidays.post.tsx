import { attempt } from '#lib/pages/form-errors.ts';
import { checkHolidayForm } from '#lib/sla/calendar-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { addHoliday } from '#lib/sla/calendar-holidays.ts';
import { findCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { HolidaysSection } from '#views/admin/sla-calendar.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/sla/calendars/:id/holidays — adds a one-off or yearly holiday (checked by the
 * API's holiday schema, saved through the same update as PATCH /api/v1/sla/calendars/:id) and
 * answers the Holidays section. Refused: 422 (409 for a date already there) beside the field.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const calendar = await findCalendar(db, params.id);
    const values = await readFormFields(c);
    const checked = checkHolidayForm(values);
    if (!checked.ok) return c.html(<HolidaysSection calendar={calendar} state={{ form: { errors: checked.errors, values } }} />, 422);
    const done = await attempt(db, (sp) => addHoliday(sp, caller.orgId, actorOf(c, caller), params.id, checked.value), { holiday_exists: 'date', calendar_never_open: 'date' });
    if (!done.ok) return c.html(<HolidaysSection calendar={calendar} state={{ form: { errors: done.errors, values }, error: done.message }} />, done.status);
    return c.html(
      <HolidaysSection calendar={done.value} state={{ notice: checked.value.name ? t('admin_sla.notice.holiday_added_named', { name: checked.value.name }) : t('admin_sla.notice.holiday_added') }} />,
    );
  },
});
