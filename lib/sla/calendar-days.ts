import { reader } from '#lib/i18n/reader.ts';
import { intlFor } from '#lib/i18n/translate.ts';

/**
 * Days of a business calendar (a weekday, a holiday's date) named in the reader's language.
 * They are calendar days, not moments, so they are written in UTC: the reader's own zone would
 * move a holiday's midnight onto the day before.
 */

const DAY = 86_400_000;
/** 1 January 2024 was a Monday: ISO weekday n falls n - 1 days after it. */
const A_MONDAY = Date.UTC(2024, 0, 1);

const utc = () => intlFor(reader().locale, 'UTC');

/**
 * An ISO weekday (1 = Monday … 7 = Sunday) as the reader's language names it.
 *
 * @example
 * weekdayName(1);          // 'Monday' / 'Montag'
 * weekdayName(2, 'short'); // 'Tue' / 'Di.'
 */
export function weekdayName(weekday: number, width: 'long' | 'short' = 'long'): string {
  return utc().formatDate(new Date(A_MONDAY + (weekday - 1) * DAY), { weekday: width });
}

/**
 * A holiday's date: a one-off one with its weekday and year, a yearly one as day and month only.
 *
 * @example
 * holidayDate('2026-12-25', true);  // '25 December' / '25. Dezember'
 * holidayDate('2026-12-31', false); // 'Thu 31 Dec 2026' / 'Do., 31. Dez. 2026'
 */
export function holidayDate(date: string, recurring: boolean): string {
  const at = new Date(`${date}T00:00:00Z`);
  return recurring ? utc().formatDate(at, { day: 'numeric', month: 'long' }) : utc().formatDate(at, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}
