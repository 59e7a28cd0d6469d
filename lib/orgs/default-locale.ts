import type { TransactionSql } from '#lib/db/pool.ts';
import { DEFAULT_LOCALE, type Locale, localeOrNull } from '#lib/i18n/locales.ts';

/** The language the current org writes in when nothing says otherwise (organizations.default_locale). */
export async function orgDefaultLocale(tx: TransactionSql): Promise<Locale> {
  const [row] = await tx<{ default_locale: string }[]>`select default_locale from organizations where id = app.current_org()`;
  return localeOrNull(row?.default_locale) ?? DEFAULT_LOCALE;
}
