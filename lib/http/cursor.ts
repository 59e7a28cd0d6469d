import { HttpError } from './errors.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * Page cursors, the one codec of every keyset-paged list (tickets, views, history, audit,
 * outbox). A cursor is the last row's sort keys as a JSON array in base64url: opaque to
 * clients, who only send back the `next_cursor` they were given as `cursor`.
 */

/** The sort keys of a page's last row, in the list's order; the next page starts after them. */
export type CursorKeys = readonly (string | number)[];

/**
 * The `next_cursor` for a page that ends with a row of these keys.
 *
 * @example
 * encodeCursor([last.sort_at, Number(last.number)]); // 'WyIyMDI2LTAxLTAy...'
 */
export function encodeCursor(keys: CursorKeys): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

/**
 * A `cursor` read back into keys; `read` checks their shape, and answers undefined for a cursor
 * this list never gave out, which is a 400 `invalid_cursor` (start again from the first page).
 *
 * @example
 * const after = decodeCursor(cursor, ([at, id]) => (timestampKey(at) && typeof id === 'string' ? { at, id } : undefined));
 */
export function decodeCursor<T>(cursor: string, read: (keys: readonly unknown[]) => T | undefined): T {
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // Not JSON: not one of ours, refused below.
  }
  const out = Array.isArray(keys) ? read(keys) : undefined;
  if (out === undefined) throw new HttpError(400, 'invalid_cursor', t('error.cursor_invalid'));
  return out;
}

/**
 * A timestamp key as PostgreSQL wrote it (`col::text`): carried as text, since a JS Date would
 * cut microseconds and the next page would repeat or skip rows at the seam.
 */
export function timestampKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= 40 && /^\d{4}-\d\d-\d\d[ T][\d:.]+[+-]\d\d(:\d\d)?$/.test(key);
}

/** A row id key. */
export function uuidKey(key: unknown): key is string {
  return typeof key === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key);
}

/**
 * The sequence number in a cursor of `encodeCursor([seq])`: the audit log and a ticket's history
 * page by their rows' bigint `seq`, carried as text.
 *
 * @example
 * const before = decodeSeqCursor(query.cursor); // '1234'
 */
export function decodeSeqCursor(cursor: string): string {
  return decodeCursor(cursor, ([seq]) => (typeof seq === 'string' && /^\d{1,18}$/.test(seq) ? seq : undefined));
}
