import { priorityLabel, statusLabel } from '#lib/i18n/labels.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import { reader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '#lib/tickets/model.ts';

/** The words every ticket row repeats, in one language. */
export interface RowWords {
  status: Readonly<Record<string, string>>;
  priority: Readonly<Record<string, string>>;
  unassigned: string;
  someone: string;
  /** The checkbox's label for a ticket number. */
  select: (number: string) => string;
}

const MARK = '\u0000';
const byLocale = new Map<Locale, RowWords>();

/**
 * The row words in the current reader's language, formatted once per language and kept: a
 * message costs some 20 µs to format and a queue page draws 50 rows (the page is benchmarked).
 * The catalogue does not change while the process runs, and none of these depends on the
 * reader's time zone. The checkbox label is formatted with a marker where the number goes,
 * which its plain `{number}` argument makes the same as formatting it per row.
 */
export function rowWords(): RowWords {
  const { locale } = reader();
  let words = byLocale.get(locale);
  if (!words) {
    const [before = '', after = ''] = t('queue.row.select', { number: MARK }).split(MARK);
    words = {
      status: Object.fromEntries(TICKET_STATUSES.map((s) => [s, statusLabel(s)])),
      priority: Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, priorityLabel(p)])),
      unassigned: t('common.unassigned'),
      someone: t('queue.row.someone'),
      select: (number) => `${before}${number}${after}`,
    };
    byLocale.set(locale, words);
  }
  return words;
}
