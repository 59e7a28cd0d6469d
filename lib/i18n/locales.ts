import en from '#locales/en.json' with { type: 'json' };
import de from '#locales/de.json' with { type: 'json' };

/**
 * The languages the catalogue speaks: one file each under locales/, English complete and the
 * reference every other file is checked against (test/i18n-catalogue.test.ts). A language is
 * added by adding its file here and in LOCALES (README, "Adding a language").
 */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The Intl locale each language formats dates and numbers in. English is written for an
 * international team, so its dates are day-first with a 24-hour clock (en-GB), as they were
 * before the catalogue existed.
 */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

/** Every message id; English has them all, so a key missing there is a type error. */
export type MessageKey = keyof typeof en;

const FILES: Record<Locale, Readonly<Record<string, string>>> = { en, de };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language of a stored tag, or null when the catalogue does not speak it (a file was removed). */
export function localeOrNull(tag: string | null | undefined): Locale | null {
  return isLocale(tag) ? tag : null;
}

const complete = new Map<Locale, Readonly<Record<string, string>>>();

/**
 * A language's messages with English filling any gap, so a missing key reads in English rather
 * than as its id; each gap is logged once, when the language is first used.
 */
export function messagesOf(locale: Locale): Readonly<Record<string, string>> {
  let messages = complete.get(locale);
  if (!messages) {
    messages = withEnglishFallback(locale, FILES[locale], en, (line) => console.warn(`[atum] ${line}`));
    complete.set(locale, messages);
  }
  return messages;
}

/** A language's messages over English's, with one line logged naming every key it lacks. */
export function withEnglishFallback(locale: string, own: Readonly<Record<string, string>>, english: Readonly<Record<string, string>>, log: (line: string) => void): Readonly<Record<string, string>> {
  const missing = Object.keys(english).filter((key) => !(key in own));
  if (missing.length > 0) log(`catalogue ${locale}: ${missing.length} messages missing, shown in English: ${missing.join(', ')}`);
  return { ...english, ...own };
}

/** The catalogue file of a language exactly as written, for the checks. */
export function ownMessagesOf(locale: Locale): Readonly<Record<string, string>> {
  return FILES[locale];
}
