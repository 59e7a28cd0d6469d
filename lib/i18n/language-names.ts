import { type Locale, LOCALES } from './locales.ts';
import { intlFor } from './translate.ts';

/**
 * A language by its own name ('Deutsch', 'English'), whoever reads: a language picker lists each
 * one so that someone who cannot read the page's current language still finds theirs.
 *
 * @example
 * LOCALES.map((l) => [l, languageName(l)]); // [['en', 'English'], ['de', 'Deutsch']]
 */
export function languageName(locale: Locale): string {
  return intlFor(locale, 'UTC').formatMessage({ id: 'language.name' });
}

/** Every catalogue language with its own name, in catalogue order. */
export function languageChoices(): { locale: Locale; name: string }[] {
  return LOCALES.map((locale) => ({ locale, name: languageName(locale) }));
}
