import { isLocale, type Locale } from './locales.ts';

/**
 * The catalogue language that best answers an `Accept-Language` header ('de-AT,de;q=0.9,en;q=0.5'
 * → 'de'), or null when the header names none of them (then the org's default applies). A
 * malformed header is treated as absent: it is the browser's, never an error of the request.
 *
 * @example
 * localeFromAcceptLanguage('de-CH, en;q=0.5'); // 'de'
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const wanted = header
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((w) => w.weight > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(w.tag))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .slice(0, 20)
    .map((w) => w.tag);
  for (const tag of wanted) {
    // A regional tag is served by its language's file: de-AT, de-CH → de.
    const language = tag.split('-')[0]!.toLowerCase();
    if (isLocale(language)) return language;
  }
  return null;
}
