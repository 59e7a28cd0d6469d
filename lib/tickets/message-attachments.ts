import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * The message of ticket `number` that an upload may be filed under: one the caller can see
 * (RLS hides internal notes from customers), on that ticket, and for a customer one they wrote.
 * 422 otherwise, so a file never lands on someone else's words.
 *
 * @example
 * const messageId = query.message_id ? await attachableMessage(db, caller, params.number, query.message_id) : null;
 */
export async function attachableMessage(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, number: number, messageId: string): Promise<string> {
  const [m] = await tx<{ author_id: string | null }[]>`select author_id from messages where id = ${messageId} and ticket_number = ${number}`;
  if (!m) throw new HttpError(422, 'invalid_message', t('error.message_not_on_ticket', { number: String(number), id: messageId }));
  if (caller.kind === 'member' && caller.role === 'customer' && m.author_id !== caller.userId) {
    throw new HttpError(422, 'invalid_message', t('error.customer_own_messages_only'));
  }
  return messageId;
}

export interface MessageFile {
  id: string;
  filename: string;
  size: number;
  mime: string;
  download_url: string;
}

/**
 * The files of a ticket's messages, by message id, for the conversation view. One query; what
 * the caller may not see (files of internal notes, for a customer) RLS leaves out.
 *
 * @example
 * const files = await filesByMessage(db, 42);
 * items.map((m) => ({ ...m, attachments: files.get(m.id) ?? [] }));
 */
export async function filesByMessage(tx: TransactionSql, number: number): Promise<Map<string, MessageFile[]>> {
  const rows = await tx<{ message_id: string; id: string; filename: string; size: string; mime: string }[]>`
    select message_id, id, filename, size::text as size, mime from attachments
    where ticket_number = ${number} and message_id is not null order by created_at, id`;
  const out = new Map<string, MessageFile[]>();
  for (const r of rows) {
    const file = { id: r.id, filename: r.filename, size: Number(r.size), mime: r.mime, download_url: `/api/v1/attachments/${r.id}` };
    out.set(r.message_id, [...(out.get(r.message_id) ?? []), file]);
  }
  return out;
}
