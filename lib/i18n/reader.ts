import { AsyncLocalStorage } from 'node:async_hooks';
import { DEFAULT_LOCALE, type Locale } from './locales.ts';

/** Who a text is for: the language it is written in and the zone its times are shown in. */
export interface Reader {
  locale: Locale;
  timeZone: string;
  /**
   * The language a visitor stated before anyone knew them (the language cookie or
   * Accept-Language), null when neither named a catalogue language: what a customer met for
   * the first time is written to in from then on (lib/invitations/accept.ts).
   */
  stated?: Locale | null;
}

const DEFAULT_READER: Readonly<Reader> = { locale: DEFAULT_LOCALE, timeZone: 'UTC' };
const current = new AsyncLocalStorage<Reader>();

/**
 * The reader of the text being written now: set per request by lib/i18n/request-reader.ts (and
 * refined once the caller is known), per email by the mail composer. Outside any (a CLI line,
 * a log), English and UTC.
 */
export function reader(): Readonly<Reader> {
  return current.getStore() ?? DEFAULT_READER;
}

/**
 * Runs `fn` writing for `who`. The store is a copy the request may refine in place (the
 * signed-in person's own language is known only once their transaction has begun), so the
 * error page of a failure later in the request speaks the same language as the page would have.
 *
 * @example
 * const text = await forReader({ locale: 'de', timeZone: 'Europe/Berlin' }, () => renderMail(...));
 */
export function forReader<T>(who: Reader, fn: () => T): T {
  return current.run({ ...who }, fn);
}

/** Refines the current request's reader (see forReader); outside a request it does nothing. */
export function refineReader(who: Partial<Reader>): void {
  const store = current.getStore();
  if (!store) return;
  if (who.locale) store.locale = who.locale;
  if (who.timeZone) store.timeZone = who.timeZone;
}
