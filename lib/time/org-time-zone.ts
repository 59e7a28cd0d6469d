import type { TransactionSql } from '#lib/db/pool.ts';
import { zoneOrUtc } from './zone.ts';

/**
 * The org's time zone: `settings.time_zone` (an IANA name, set with PATCH /api/v1/org), UTC when
 * unset or not a zone (isTimeZone), so a typo never breaks a page.
 *
 * @example
 * const zone = await orgTimeZone(db); // 'Europe/Berlin'
 */
export async function orgTimeZone(tx: TransactionSql): Promise<string> {
  const [row] = await tx<{ zone: string | null }[]>`select settings ->> 'time_zone' as zone from organizations where id = app.current_org()`;
  return zoneOrUtc(row?.zone);
}
