import type { TransactionSql } from '#lib/db/pool.ts';
import { decodeSeqCursor, encodeCursor } from '#lib/http/cursor.ts';

export interface HistoryEntry {
  seq: string;
  at: Date;
  action: string;
  details: Record<string, unknown>;
  actor: { user_id: string | null; email: string | null; name: string | null; api_key_id: string | null };
}

/**
 * A ticket's history, oldest first: its rows of the audit log, which the ticket and message
 * triggers write at commit (sql/006_tickets.sql), so there is one record of what happened and
 * no second one to drift. Paged by `after` (a seq). Check the ticket first (findTicket).
 *
 * @example
 * const items = await ticketHistory(db, 42, { after: null, limit: 200 });
 */
export async function ticketHistory(tx: TransactionSql, number: number, page: { after: string | null; limit: number }): Promise<HistoryEntry[]> {
  const rows = await tx<(Omit<HistoryEntry, 'actor'> & { user_id: string | null; email: string | null; name: string | null; api_key_id: string | null })[]>`
    select a.seq::text as seq, a.at, a.action, a.details, a.actor_user_id as user_id, u.email, u.name, a.actor_api_key_id as api_key_id
    from audit_log a left join people u on u.id = a.actor_user_id
    where a.target_type = 'ticket' and a.target_id = ${String(number)} and a.seq > ${page.after ?? '0'}::bigint
    order by a.seq limit ${page.limit}`;
  return rows.map(({ user_id, email, name, api_key_id, ...r }) => ({ ...r, actor: { user_id, email, name, api_key_id } }));
}

/**
 * One page of a ticket's history for the API: after `cursor` (a `next_cursor`), or after the
 * deprecated `after` (a seq), and both ways to ask for the next page.
 *
 * @example
 * const page = await historyPage(db, 42, { cursor: query.cursor, limit: 200 });
 */
export async function historyPage(
  tx: TransactionSql,
  number: number,
  query: { cursor?: string | undefined; after?: string | undefined; limit: number },
): Promise<{ items: HistoryEntry[]; next_cursor: string | null; next_after: string | null }> {
  const after = query.cursor === undefined ? (query.after ?? null) : decodeSeqCursor(query.cursor);
  const items = await ticketHistory(tx, number, { after, limit: query.limit });
  const last = items.length === query.limit ? (items.at(-1)?.seq ?? null) : null;
  return { items, next_cursor: last && encodeCursor([last]), next_after: last };
}
