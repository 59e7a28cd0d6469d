import type { TransactionSql } from '#lib/db/pool.ts';

/**
 * The org's time zone: `settings.time_zone` (an IANA name, set with PATCH /api/v1/org), UTC when
 * unset or not a zone the runtime knows, so a typo never breaks a page.
 *
 * @example
 * const zone = await orgTimeZone(db); // 'Europe/Berlin'
 */
export async function orgTimeZone(tx: TransactionSql): Promise<string> {
  const [row] = await tx<{ zone: string | null }[]>`select settings ->> 'time_zone' as zone from organizations where id = app.current_org()`;
  const zone = row?.zone;
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

const PARTS = new Map<string, Intl.DateTimeFormat>();

/** How far `zone`'s wall clock is ahead of UTC at `at`, in milliseconds. */
function offsetMs(zone: string, at: number): number {
  let fmt = PARTS.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    PARTS.set(zone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a calendar day (`YYYY-MM-DD`) starts in `zone`; `days` moves that many days on
 * (the end of a day is the start of the next). Two passes settle a day whose midnight sits
 * next to a DST change.
 *
 * @example
 * dayStart('Europe/Berlin', '2026-07-01'); // 2026-06-30T22:00:00.000Z
 */
export function dayStart(zone: string, day: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d + days);
  let at = wall - offsetMs(zone, wall);
  at = wall - offsetMs(zone, at);
  return new Date(at);
}

/**
 * Today's date in `zone`, as `YYYY-MM-DD`.
 *
 * @example
 * today('Asia/Tokyo', new Date('2026-12-01T20:00:00Z')); // '2026-12-02'
 */
export function today(zone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
