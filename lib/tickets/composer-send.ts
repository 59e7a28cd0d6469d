import type { MessageFile } from '#lib/attachments/message-file.ts';
import type { Upload } from '#lib/attachments/multipart-upload.ts';
import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { t } from '#lib/i18n/translate.ts';
import { refusal } from '#lib/pages/form-errors.ts';
import { messageBody } from './message-body.ts';
import { addMessage } from './reply.ts';

/** What the composer sent comes to: what was typed and in which mode, and either what happened or why nothing did. */
export type ComposerOutcome = { mode: 'reply' | 'note'; text: string } & ({ ok: true; notice: string } | { ok: false; error: string });

/**
 * Sends what the agent's composer posted (`body`, `mode=reply|note`, an optional file, filed
 * under the new message, so a note's file is as hidden from customers as the note) through
 * addMessage, in a savepoint. A reply to a closed ticket opens a follow-up, and the notice says
 * so. An empty message without a file, or addMessage's refusal (file type or size, quota), is
 * the reason in words; the ticket itself gone (404) is thrown, for the error page.
 *
 * @example
 * const sent = await sendFromComposer(db, caller, 42, formFields, upload, c.var.deps);
 * if (!sent.ok) return again(sent.error);
 */
export async function sendFromComposer(
  tx: TransactionSql,
  me: MemberCaller,
  number: number,
  fields: Record<string, string>,
  upload: Upload | undefined,
  deps: MessageFile['deps'],
): Promise<ComposerOutcome> {
  const mode = fields.mode === 'note' ? 'note' : 'reply';
  const text = fields.body ?? '';
  // An empty file part (some clients leave out even the empty name) is no file.
  const file = upload && (upload.size > 0 || upload.filename) ? { ...upload, filename: upload.filename || 'attachment' } : undefined;
  if (!text.trim() && !file) return { mode, text, ok: false, error: t('ticket.composer.empty') };
  let notice = mode === 'note' ? t('ticket.composer.note_added') : t('ticket.composer.reply_sent');
  try {
    await tx.savepoint(async (sp) => {
      const body = messageBody({ body: text.trim() ? text : t('ticket.composer.attached_body', { filename: file!.filename }) });
      const result = await addMessage(sp, me, number, { body, internal: mode === 'note', channel: 'web', file: file && { upload: file, deps } });
      if (result.followUp) notice = t('ticket.composer.follow_up', { number: String(result.followUp) });
    });
  } catch (err) {
    const refused = refusal(err);
    // A 404 is the ticket itself gone: the error page says so.
    if (refused.status === 404) throw err;
    return { mode, text, ok: false, error: refused.reason };
  }
  return { mode, text, ok: true, notice };
}
