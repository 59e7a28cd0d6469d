import { INTL_LOCALE } from './locales.ts';
import { reader } from './reader.ts';
import { intlFor } from './translate.ts';

/**
 * Dates, numbers and durations in the current reader's language and time zone (lib/i18n/reader.ts),
 * all by Intl: nothing here builds a date or a number out of strings.
 */

function intl() {
  const { locale, timeZone } = reader();
  return intlFor(locale, timeZone);
}

/**
 * Intl.DateTimeFormat objects, one per language, zone and style: making one costs tens of
 * microseconds, and a queue page formats a date in every row.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(style: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const { locale, timeZone } = reader();
  const id = `${locale} ${timeZone} ${style}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone });
    dateFormats.set(id, format);
  }
  return format;
}

/** A moment with its date and time, e.g. '4 Dec 2026, 14:05' / '04.12.2026, 14:05'. */
export function formatDateTime(at: Date, style: 'short' | 'medium' = 'medium'): string {
  return dateFormat(`datetime-${style}`, { dateStyle: style, timeStyle: 'short' }).format(at);
}

/** A day, e.g. '4 Dec 2026' / '04.12.2026'. */
export function formatDate(at: Date, style: 'short' | 'medium' | 'long' = 'medium'): string {
  return dateFormat(`date-${style}`, { dateStyle: style }).format(at);
}

/** A moment as a list shows it: day, month and time, e.g. 'Dec 4, 14:05' / '4. Dez., 14:05'. */
export function formatShortDateTime(at: Date): string {
  return dateFormat('short-datetime', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
}

export function formatNumber(value: number, options?: { style?: 'decimal' | 'percent'; maximumFractionDigits?: number; minimumFractionDigits?: number }): string {
  return intl().formatNumber(value, options);
}

/** A size in bytes as people read it: '512 B', '1.5 MB' / '1,5 MB'. */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return intl().formatNumber(value, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 });
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of time in its two largest units, e.g. '2 hr, 5 min' / '2 Std., 5 Min.', '3 days, 4 hr'.
 * Under a minute reads as '0 min'. The sign is ignored: the sentence around it says which way.
 * `largest: 'hour'` never rolls over into days: an SLA target of 48 business hours is not two
 * days of a 9-to-5 calendar.
 */
export function formatDuration(ms: number, largest: 'day' | 'hour' = 'day'): string {
  const total = Math.floor(Math.abs(ms) / MINUTE) * MINUTE;
  const days = largest === 'day' ? Math.floor(total / DAY) : 0;
  const parts: [Intl.NumberFormatOptions['unit'], number][] = [
    ['day', days],
    ['hour', Math.floor((total - days * DAY) / HOUR)],
    ['minute', Math.floor((total % HOUR) / MINUTE)],
  ];
  const first = parts.findIndex(([, n]) => n > 0);
  const shown = first === -1 ? [parts[2]!] : parts.slice(first, first + 2).filter(([, n], i) => i === 0 || n > 0);
  const i = intl();
  return i.formatList(
    shown.map(([unit, n]) => i.formatNumber(n, { style: 'unit', unit, unitDisplay: 'short' })),
    { type: 'unit', style: 'narrow' },
  ) as string;
}

/** Items joined as the language joins a list: 'a, b and c' / 'a, b und c'. */
export function formatList(items: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return intl().formatList(items, { type }) as string;
}
