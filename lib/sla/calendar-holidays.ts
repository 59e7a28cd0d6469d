import type { AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { findCalendar, updateCalendar, type CalendarJson } from './calendar-store.ts';
import { t } from '#lib/i18n/translate.ts';

/** One closed day as a calendar stores it: a date, and whether it repeats every year. */
export interface HolidayInput {
  date: string;
  recurring: boolean;
  name?: string | undefined;
}

const same = (a: { date: string; recurring: boolean }, b: { date: string; recurring: boolean }) => a.date === b.date && a.recurring === b.recurring;

/**
 * Adds a closed day to a calendar, through updateCalendar (same checks, audit and recompute as
 * PATCH /api/v1/sla/calendars/:id with the whole list). The same date (one-off or yearly)
 * twice is a 409 `holiday_exists`.
 *
 * @example
 * await addHoliday(tx, orgId, actor, calendarId, { date: '2026-12-25', recurring: true, name: 'Christmas' });
 */
export async function addHoliday(tx: TransactionSql, orgId: string, actor: AuditActor, calendarId: string, holiday: HolidayInput): Promise<CalendarJson> {
  const calendar = await findCalendar(tx, calendarId);
  if (calendar.holidays.some((h) => same(h, holiday))) {
    throw new HttpError(409, 'holiday_exists', t('error.holiday_exists', { date: holiday.date, kind: holiday.recurring ? 'yearly' : 'once' }));
  }
  const added = { date: holiday.date, recurring: holiday.recurring, ...(holiday.name ? { name: holiday.name } : {}) };
  return updateCalendar(tx, orgId, actor, calendarId, { holidays: [...calendar.holidays, added] });
}

/**
 * Removes a closed day (matched by date and whether it repeats) from a calendar, through
 * updateCalendar. One that is not there is a 404 `holiday_not_found`.
 *
 * @example
 * await removeHoliday(tx, orgId, actor, calendarId, { date: '2026-12-25', recurring: true });
 */
export async function removeHoliday(tx: TransactionSql, orgId: string, actor: AuditActor, calendarId: string, holiday: { date: string; recurring: boolean }): Promise<CalendarJson> {
  const calendar = await findCalendar(tx, calendarId);
  const kept = calendar.holidays.filter((h) => !same(h, holiday));
  if (kept.length === calendar.holidays.length) throw new HttpError(404, 'holiday_not_found', t('error.holiday_not_found', { date: holiday.date }));
  return updateCalendar(tx, orgId, actor, calendarId, { holidays: kept });
}
