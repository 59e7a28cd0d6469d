import { isLocale, type Locale } from './locales.ts';

/**
 * Common short words of each catalogue language: a text's language is the one whose words it uses
 * most. Enough to tell the catalogue's languages apart in a customer's first email; it is a guess
 * for a default, which the customer or an agent can change.
 */
const MARKERS: Record<Locale, ReadonlySet<string>> = {
  en: new Set('the and you your is are to of for with have this that not please thanks thank can my we i it on in be'.split(' ')),
  de: new Set('der die das und ich sie ist nicht mit bitte danke ein eine für mein meine wir haben auf zu den dem von vielen grüße hallo'.split(' ')),
};

/**
 * The language of a customer's first email: its Content-Language header when the catalogue
 * speaks it, else the language whose common words its text uses most (the first 2,000
 * characters), or null when nothing stands out.
 *
 * @example
 * guessLanguage('Hallo, ich habe eine Frage zu meiner Rechnung', undefined); // 'de'
 */
export function guessLanguage(text: string, contentLanguage: string | undefined): Locale | null {
  const declared = contentLanguage?.split(',')[0]?.trim().split('-')[0]?.toLowerCase();
  if (isLocale(declared)) return declared;
  const counts = new Map<Locale, number>();
  for (const word of text
    .slice(0, 2000)
    .toLowerCase()
    .split(/[^\p{L}]+/u)) {
    for (const [locale, words] of Object.entries(MARKERS) as [Locale, ReadonlySet<string>][]) {
      if (words.has(word)) counts.set(locale, (counts.get(locale) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 2 || (second && second[1] === best[1])) return null;
  return best[0];
}
