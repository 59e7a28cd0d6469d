/**
 * Time zones, the one home of every zone rule: which names are zones (isTimeZone), and
 * wall-clock ↔ instant conversion for one IANA time zone, on Intl alone (Node ships full ICU).
 * Intl answers "what does the clock show at instant t"; the reverse, and the DST rules for
 * skipped and repeated hours, are built here. Intl is slow (microseconds a call), so offsets are
 * cached per UTC day: the offset at the day's start, and if it differs at the day's end, the
 * minute of the change. That is exact as long as a zone changes its offset at most once in a
 * UTC day and on a whole minute, which holds for every zone since 1970.
 */

export const MINUTE = 60_000;
const DAY = 86_400_000;

interface DayOffsets {
  before: number;
  /** The first instant of the new offset, when the offset changes during this UTC day. */
  change: number | null;
  after: number;
}

export interface Zone {
  format: Intl.DateTimeFormat;
  days: Map<number, DayOffsets>;
}

const zones = new Map<string, Zone>();
const MAX_CACHED_DAYS = 50_000;

/** The zone's converter, shared per name. Throws a RangeError for a name Intl does not know. */
export function zone(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (!z) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    z = { format, days: new Map() };
    zones.set(timeZone, z);
  }
  return z;
}

/**
 * The one validity check for a time zone, wherever one is given (SLA calendars, the org's
 * setting): an IANA name Intl knows. Offsets such as `+01:00`, which Intl would take, are
 * refused: a zone's rules must follow its DST changes.
 *
 * @example
 * isTimeZone('Europe/Berlin'); // true
 * isTimeZone('+01:00'); // false
 */
export function isTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return false;
  try {
    zone(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a calendar day (`YYYY-MM-DD`) starts in the zone; `days` moves that many days on
 * (the end of a day is the start of the next). A midnight that DST skips starts the day when
 * the clock jumps.
 *
 * @example
 * dayStart('Europe/Berlin', '2026-07-01'); // 2026-06-30T22:00:00.000Z
 */
export function dayStart(timeZone: string, day: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(instantOf(zone(timeZone), Date.UTC(y, m - 1, d) / DAY + days, 0));
}

/**
 * Today's date in the zone, as `YYYY-MM-DD`.
 *
 * @example
 * today('Asia/Tokyo', new Date('2026-12-01T20:00:00Z')); // '2026-12-02'
 */
export function today(timeZone: string, now = new Date()): string {
  const { y, m, d } = ymdOf(localDayOf(zone(timeZone), now.getTime()));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The zone's offset from UTC at t, in ms, straight from Intl. */
function intlOffset(z: Zone, t: number): number {
  const p: Record<string, string> = {};
  for (const { type, value } of z.format.formatToParts(t)) p[type] = value;
  let year = Number(p.year);
  if (p.era === 'BC' || p.era === 'B') year = 1 - year;
  const wall = Date.UTC(year, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

function dayOffsets(z: Zone, day: number): DayOffsets {
  let d = z.days.get(day);
  if (d) return d;
  const start = day * DAY;
  const before = intlOffset(z, start);
  const after = intlOffset(z, start + DAY);
  let change: number | null = null;
  if (before !== after) {
    let lo = start; // offset `before` here
    let hi = start + DAY; // offset `after` here
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (intlOffset(z, mid) === before) lo = mid;
      else hi = mid;
    }
    change = hi;
  }
  d = { before, change, after };
  if (z.days.size >= MAX_CACHED_DAYS) z.days.clear();
  z.days.set(day, d);
  return d;
}

/** The zone's offset from UTC at instant t, in ms (local = t + offset). */
function offsetAt(z: Zone, t: number): number {
  const d = dayOffsets(z, Math.floor(t / DAY));
  return d.change === null || t < d.change ? d.before : d.after;
}

/** The local calendar date of instant t, as a day number (days since 1970-01-01). */
export function localDayOf(z: Zone, t: number): number {
  return Math.floor((t + offsetAt(z, t)) / DAY);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number. */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** `{ y, m, d }` of a day number (m 1–12). */
export function ymdOf(day: number): { y: number; m: number; d: number } {
  // Proleptic Gregorian civil-from-days (H. Hinnant), without allocating a Date per day.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/**
 * The instant a wall-clock time on a local date stands for: the first instant at which the
 * local clock shows that date and time or later. In a skipped hour (spring forward) that is the
 * moment the clock jumps; in a repeated hour (fall back) it is the first occurrence.
 */
export function instantOf(z: Zone, day: number, minuteOfDay: number): number {
  const wall = day * DAY + minuteOfDay * MINUTE;
  // Any offset is within ±1 day of the wall time, so these see the offsets on either side of a change near it.
  const early = offsetAt(z, wall - DAY);
  const late = offsetAt(z, wall + DAY);
  if (early === late) return wall - early; // no change within a day either side: the common case
  const byEarly = wall - early;
  const byLate = wall - late;
  const earlyFits = offsetAt(z, byEarly) === early;
  const lateFits = offsetAt(z, byLate) === late;
  if (earlyFits && lateFits) return Math.min(byEarly, byLate);
  if (earlyFits) return byEarly;
  if (lateFits) return byLate;
  // Skipped wall time: the clock jumps from before it to after it at the change, between byLate and byEarly.
  let lo = Math.min(byEarly, byLate);
  let hi = Math.max(byEarly, byLate);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(z, mid) === late) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * A stored zone as one to format in: itself when it is a zone (isTimeZone), else UTC, so a
 * typo never breaks a page.
 *
 * @example
 * zoneOrUtc('Europe/Berlin'); // 'Europe/Berlin'
 * zoneOrUtc(null);            // 'UTC'
 */
export function zoneOrUtc(timeZone: string | null | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : 'UTC';
}
