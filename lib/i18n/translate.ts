import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { Child } from 'hono/jsx';
import { INTL_LOCALE, type Locale, type MessageKey, messagesOf } from './locales.ts';
import { reader } from './reader.ts';

/** What a message's ICU arguments may be given. */
export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;

/** Arguments of a message with markup: `<b>…</b>` in the text is given as `b: (chunks) => <b>{chunks}</b>`. */
export type RichValues = Record<string, string | number | Date | boolean | null | undefined | Child | ((chunks: Child[]) => Child)>;

const cache = createIntlCache();
const intls = new Map<string, IntlShape<string>>();
const reported = new Set<string>();

/**
 * The formatter for a language and zone, made once and kept: @formatjs parses each message the
 * first time it is used and keeps the compiled form in the shared cache.
 */
export function intlFor(locale: Locale, timeZone: string): IntlShape<string> {
  const id = `${locale} ${timeZone}`;
  let intl = intls.get(id);
  if (!intl) {
    intl = createIntl({ locale: INTL_LOCALE[locale], defaultLocale: 'en-GB', timeZone, messages: messagesOf(locale), onError: reportOnce }, cache);
    intls.set(id, intl);
  }
  return intl;
}

/** A broken message or argument is logged once, not once a render, and never thrown at the reader. */
function reportOnce(err: { message: string; code?: string }): void {
  const line = `${err.code ?? 'error'}: ${err.message}`;
  if (reported.has(line)) return;
  reported.add(line);
  console.warn(`[atum] catalogue ${line}`);
}

/**
 * A message of the catalogue in the current reader's language (lib/i18n/reader.ts), plurals,
 * numbers and dates by ICU.
 *
 * @example
 * t('queue.count', { count: 3 }); // '3 tickets' / '3 Tickets'
 */
export function t(key: MessageKey, values?: MessageValues): string {
  const { locale, timeZone } = reader();
  return intlFor(locale, timeZone).formatMessage({ id: key }, values as Record<string, string | number | Date | boolean | null | undefined>);
}

/**
 * A message with markup for JSX: each tag in the text is rendered by the function given for it,
 * every other part is text (escaped by JSX as usual).
 *
 * @example
 * tRich('ticket.assigned_to', { name: 'Ada', b: (chunks) => <b>{chunks}</b> })
 */
export function tRich(key: MessageKey, values: RichValues): Child {
  const { locale, timeZone } = reader();
  // formatMessage passes the tags' functions through and returns the parts as an array.
  return intlFor(locale, timeZone).formatMessage({ id: key }, values as never) as unknown as Child;
}
