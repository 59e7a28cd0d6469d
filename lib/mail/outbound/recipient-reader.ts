import type { TransactionSql } from '#lib/db/pool.ts';
import { storedReader } from '#lib/i18n/member-reader.ts';
import type { Reader } from '#lib/i18n/reader.ts';

/**
 * Who a notification is written for: its recipient as this org reads them (app.reader_of,
 * sql/025: their own language if they confirmed their membership, else the language the org
 * first met them in, else the org's default), or the org's default for an address alone.
 * Read in the org's tenant context at compose time.
 */
export async function recipientReader(tx: TransactionSql, recipientUserId: string | null): Promise<Reader> {
  const [row] = recipientUserId ? await tx<{ locale: string | null; time_zone: string | null }[]>`select * from app.reader_of(${recipientUserId})` : [];
  const [org] = row
    ? []
    : await tx<{ locale: string; time_zone: string | null }[]>`select default_locale as locale, settings ->> 'time_zone' as time_zone from organizations where id = app.current_org()`;
  return storedReader(row ?? org ?? { locale: null });
}
