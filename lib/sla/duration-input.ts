/**
 * Durations as people type them into a form: `4h`, `90m`, `1h 30m`, `1.5h`, `1:30`, or a bare
 * number of minutes. No days: a business day is not 24 hours, so "2d" would mean different
 * things on different calendars.
 */
const UNITS = /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?$/i;

/**
 * Whole minutes for a duration typed in a form; `undefined` for an empty field, `null` for text
 * that is not a duration (the caller says so beside the field).
 *
 * @example
 * parseDuration('4h');     // 240
 * parseDuration('1h 30m'); // 90
 * parseDuration('90');     // 90
 * parseDuration('soon');   // null
 */
export function parseDuration(text: string | undefined): number | null | undefined {
  const s = (text ?? '').trim();
  if (s === '') return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  const clock = /^(\d+):([0-5]\d)$/.exec(s);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const m = UNITS.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return Math.round(Number(m[1] ?? 0) * 60) + Number(m[2] ?? 0);
}

/**
 * Minutes as hours and minutes, the way parseDuration reads them back.
 *
 * @example
 * formatMinutes(240); // '4h'
 * formatMinutes(90);  // '1h 30m'
 * formatMinutes(45);  // '45m'
 */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}
