import { reader } from '#lib/i18n/reader.ts';
import { intlFor } from '#lib/i18n/translate.ts';

/**
 * A target's length in hours and minutes as the reader's language abbreviates them, e.g.
 * '1 hr, 30 min' / '1 Std., 30 Min.', the style of formatDuration. Never in days, unlike
 * formatDuration: a business-hours target of 48 hours is not two days of a 9-to-5 calendar.
 *
 * @example
 * targetLength(240); // '4 hr' / '4 Std.'
 * targetLength(45);  // '45 min' / '45 Min.'
 */
export function targetLength(minutes: number): string {
  const intl = intlFor(reader().locale, reader().timeZone);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(intl.formatNumber(hours, { style: 'unit', unit: 'hour', unitDisplay: 'short' }));
  if (rest > 0 || hours === 0) parts.push(intl.formatNumber(rest, { style: 'unit', unit: 'minute', unitDisplay: 'short' }));
  return intl.formatList(parts, { type: 'unit', style: 'narrow' }) as string;
}
