import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { isTimeZone } from '#lib/time/zone.ts';
import { localeOrNull } from './locales.ts';
import { localeFromAcceptLanguage } from './negotiate.ts';
import { type Reader, reader } from './reader.ts';

/**
 * Who the signed-in caller reads as, inside their tenant transaction: a person by their own
 * choice, else what the org knows of them, else the org's default (app.reader_of, sql/025); an
 * API key by the request's Accept-Language, else the org's default. The zone is the person's, else
 * the org's, else UTC.
 *
 * @example
 * refineReader(await readerOfCaller(db, caller, c.req.header('accept-language')));
 */
export async function readerOfCaller(db: TransactionSql, caller: MemberCaller | ApiKeyCaller, acceptLanguage: string | undefined): Promise<Reader> {
  const [row] =
    caller.kind === 'member'
      ? await db<{ locale: string | null; time_zone: string | null }[]>`select * from app.reader_of(${caller.userId})`
      : await db<{ locale: string | null; time_zone: string | null }[]>`
          select default_locale as locale, settings ->> 'time_zone' as time_zone from organizations where id = app.current_org()`;
  const own = caller.kind === 'api_key' ? localeFromAcceptLanguage(acceptLanguage) : null;
  const zone = row?.time_zone;
  return {
    locale: own ?? localeOrNull(row?.locale) ?? reader().locale,
    timeZone: zone && isTimeZone(zone) ? zone : 'UTC',
  };
}
