import type { Locale } from './locales.ts';
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
