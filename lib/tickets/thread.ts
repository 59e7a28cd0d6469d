import type { TransactionSql } from '../db/pool.ts';
import { filesByMessage, type MessageFile } from './message-attachments.ts';
import type { MessageRow } from './reply.ts';

/**
 * A ticket's conversation, oldest first (at most 1000 messages), each message with its files.
 * RLS decides what the caller sees: customers never get internal notes, nor their files.
 *
 * @example
 * await findTicket(db, 42); // 404 first
 * const thread = await readThread(db, 42);
 */
export async function readThread(tx: TransactionSql, number: number): Promise<(MessageRow & { files: MessageFile[] })[]> {
  const rows = await tx<MessageRow[]>`
    select id, ticket_number::text, author_id, internal, body_text, body_html, channel, created_at
    from messages where ticket_number = ${number} order by created_at, id limit 1000`;
  const files = await filesByMessage(tx, number);
  return rows.map((m) => ({ ...m, files: files.get(m.id) ?? [] }));
}
