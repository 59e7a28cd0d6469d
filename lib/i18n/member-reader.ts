import { zoneOrUtc } from '#lib/time/zone.ts';
import { DEFAULT_LOCALE, localeOrNull } from './locales.ts';
import { localeFromAcceptLanguage } from './negotiate.ts';
import { type Reader, reader } from './reader.ts';

/** What entering a tenant answers about its caller's language and zone (sql/025, app.enter_as_*). */
export interface EnteredWords {
  locale: string | null;
  time_zone: string | null;
}

/**
 * Who the signed-in caller reads as, from what entering their tenant answered: a person by
 * their own choice, else what the org knows of them, else the org's default; an API key by the
 * request's Accept-Language, else the org's default. The zone is the person's, else the org's,
 * else UTC (a zone that does not exist reads as UTC).
 *
 * @example
 * refineReader(readerOfEntered('member', row, c.req.header('accept-language')));
 */
export function readerOfEntered(kind: 'member' | 'api_key', words: EnteredWords, acceptLanguage: string | undefined): Reader {
  const asked = kind === 'api_key' ? localeFromAcceptLanguage(acceptLanguage) : null;
  return { locale: asked ?? localeOrNull(words.locale) ?? reader().locale, timeZone: zoneOrUtc(words.time_zone) };
}

/**
 * A reader as the database stores their words (app.reader_of, organizations.default_locale): a
 * language the catalogue no longer speaks reads in the default, a zone that is not one in UTC.
 *
 * @example
 * forReader(storedReader(row), () => t('sla.alert.missed', values));
 */
export function storedReader(words: { locale: string | null | undefined; time_zone?: string | null | undefined }): Reader {
  return { locale: localeOrNull(words.locale) ?? DEFAULT_LOCALE, timeZone: zoneOrUtc(words.time_zone) };
}
