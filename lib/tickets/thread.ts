import type { TransactionSql } from '#lib/db/pool.ts';
import { filesByMessage, type MessageFile } from './message-attachments.ts';
import type { MessageRow } from './reply.ts';

/** A message with its author's name and its files, as the API and the pages show it. */
export type ThreadMessage = MessageRow & { author_name: string | null; author_email: string | null; files: MessageFile[] };

/**
 * A ticket's conversation, oldest first (at most 1000 messages), each message with its author's
 * name and its files. RLS decides what the caller sees: customers never get internal notes, nor
 * their files.
 *
 * @example
 * await findTicket(db, 42); // 404 first
 * const thread = await readThread(db, 42);
 */
export async function readThread(tx: TransactionSql, number: number): Promise<ThreadMessage[]> {
  const rows = await tx<(MessageRow & { author_name: string | null; author_email: string | null })[]>`
    select m.id, m.ticket_number::text, m.author_id, m.internal, m.body_text, m.body_html, m.channel, m.created_at,
           nullif(u.name, '') as author_name, u.email as author_email
    from messages m left join people u on u.id = m.author_id
    where m.ticket_number = ${number} order by m.created_at, m.id limit 1000`;
  const files = await filesByMessage(tx, number);
  return rows.map((m) => ({ ...m, files: files.get(m.id) ?? [] }));
}
