import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { isTimeZone, zoneOrUtc } from '#lib/time/zone.ts';
import { DEFAULT_LOCALE, type Locale, localeOrNull } from './locales.ts';
import { storedReader } from './member-reader.ts';
import { refineReader } from './reader.ts';
import { t } from './translate.ts';

/** What a person may choose for themselves; null goes back to the org's, undefined leaves it. */
export interface OwnPreferences {
  locale?: Locale | null | undefined;
  time_zone?: string | null | undefined;
}

/**
 * Saves a person's own language and time zone (users.locale / users.time_zone, sql/025: their
 * account's, so they follow them into every org). The answer to this very request is already in
 * the new language. A zone must be an IANA name that exists.
 *
 * @example
 * await saveOwnPreferences(db, caller.userId, { locale: 'de', time_zone: 'Europe/Berlin' });
 */
export async function saveOwnPreferences(tx: TransactionSql, userId: string, change: OwnPreferences): Promise<void> {
  if (change.time_zone && !isTimeZone(change.time_zone)) {
    throw new HttpError(400, 'validation_failed', t('preferences.unknown_time_zone', { zone: change.time_zone }), [
      { path: 'time_zone', message: t('preferences.unknown_time_zone', { zone: change.time_zone }) },
    ]);
  }
  await tx`
    update users set
      locale = case when ${change.locale !== undefined} then ${change.locale ?? null} else locale end,
      time_zone = case when ${change.time_zone !== undefined} then ${change.time_zone ?? null} else time_zone end,
      updated_at = now()
    where id = ${userId}`;
  const [now] = await tx<{ locale: string; time_zone: string | null }[]>`select * from app.reader_of(${userId})`;
  if (now) refineReader(storedReader(now));
}

/** A person's own choices as their preferences page shows them, beside what their org would give them. */
export interface PreferencesView {
  locale: Locale | null;
  timeZone: string | null;
  orgLocale: Locale;
  orgTimeZone: string;
}

export async function readOwnPreferences(tx: TransactionSql, userId: string): Promise<PreferencesView> {
  const [row] = await tx<{ locale: string | null; time_zone: string | null; org_locale: string; org_zone: string | null }[]>`
    select u.locale, u.time_zone, o.default_locale as org_locale, o.settings ->> 'time_zone' as org_zone
    from users u, organizations o where u.id = ${userId} and o.id = app.current_org()`;
  return {
    locale: localeOrNull(row?.locale),
    timeZone: row?.time_zone ?? null,
    orgLocale: localeOrNull(row?.org_locale) ?? DEFAULT_LOCALE,
    orgTimeZone: zoneOrUtc(row?.org_zone),
  };
}
