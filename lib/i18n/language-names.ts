import { type Locale, LOCALES, messagesOf } from './locales.ts';

/**
 * A language by its own name ('Deutsch', 'English'), whoever reads: a language picker lists each
 * one so that someone who cannot read the page's current language still finds theirs.
 *
 * @example
 * LOCALES.map((l) => [l, languageName(l)]); // [['en', 'English'], ['de', 'Deutsch']]
 */
export function languageName(locale: Locale): string {
  // Plain text without arguments in every file: no formatting needed, and a menu on every page asks.
  return messagesOf(locale)['language.name'] ?? locale;
}

/** Every catalogue language with its own name, in catalogue order. */
export function languageChoices(): { locale: Locale; name: string }[] {
  return LOCALES.map((locale) => ({ locale, name: languageName(locale) }));
}
