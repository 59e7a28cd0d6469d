import type { TransactionSql } from '#lib/db/pool.ts';

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
