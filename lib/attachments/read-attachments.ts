import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { ATTACHMENT_COLUMNS, type AttachmentRow } from './save-attachment.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * A ticket's files, oldest first; a ticket the caller cannot see is a 404, and RLS keeps the
 * files of internal notes from customers.
 *
 * @example
 * const rows = await listTicketAttachments(db, params.number);
 */
export async function listTicketAttachments(tx: TransactionSql, ticketNumber: number): Promise<AttachmentRow[]> {
  await findTicket(tx, ticketNumber);
  return tx.unsafe<AttachmentRow[]>(`select ${ATTACHMENT_COLUMNS} from attachments where ticket_number = $1 order by created_at, id`, [ticketNumber]);
}

/** What a download needs of an attachment: where its bytes are (by hash) and how to name them. */
export interface AttachmentFile {
  sha256: string;
  filename: string;
  mime: string;
  size: number;
}

/**
 * One attachment the caller may see, for download; another org's, or one on an internal note
 * for a customer, is a 404 (RLS).
 *
 * @example
 * const file = await findAttachmentFile(db, params.id);
 */
export async function findAttachmentFile(tx: TransactionSql, id: string): Promise<AttachmentFile> {
  const [a] = await tx<{ sha256: string; filename: string; mime: string; size: string }[]>`
    select sha256, filename, mime, size::text as size from attachments where id = ${id}`;
  if (!a) throw new HttpError(404, 'not_found', t('error.attachment_not_found'));
  return { ...a, size: Number(a.size) };
}
