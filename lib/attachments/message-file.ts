import type { AppDeps } from '#lib/app-env.ts';
import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { Upload } from './multipart-upload.ts';
import { storeAttachment } from './save-attachment.ts';

/** A file sent along with a message: the streamed upload, and where attachment files are kept. */
export interface MessageFile {
  upload: Upload;
  deps: { config: Pick<AppDeps['config'], 'dataDir'> };
}

/**
 * Files an upload under a message the caller has just written, with storeAttachment's rules
 * (type by its bytes, 415; quota, 413). saveAttachment's checks are not run again: writing the
 * message already proved the caller may write on the ticket, and a customer's message is their own.
 *
 * @example
 * if (input.file) await fileUnderMessage(tx, caller, { ticketNumber: 42, messageId: message.id }, input.file);
 */
export async function fileUnderMessage(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, at: { ticketNumber: number; messageId: string }, file: MessageFile): Promise<void> {
  const uploadedBy = caller.kind === 'member' ? caller.userId : null;
  await storeAttachment(tx, file.deps, caller.orgId, { ...at, upload: file.upload, uploadedBy });
}
