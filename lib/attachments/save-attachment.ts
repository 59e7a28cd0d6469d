import path from 'node:path';
import type { AppDeps } from '#lib/app-env.ts';
import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { attachableMessage } from '#lib/tickets/message-attachments.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { assertMayWriteOn } from '#lib/tickets/requester-only.ts';
import { createBlobStore } from './blob-store.ts';
import { sanitizeFilename } from './filename.ts';
import type { Upload } from './multipart-upload.ts';
import { sniffType } from './sniff-type.ts';
import { t } from '#lib/i18n/translate.ts';

export interface AttachmentRow {
  id: string;
  ticket_number: string;
  message_id: string | null;
  filename: string;
  size: string;
  mime: string;
  sha256: string;
  uploaded_by: string | null;
  created_at: Date;
}

export const ATTACHMENT_COLUMNS = 'id, ticket_number::text as ticket_number, message_id, filename, size::text as size, mime, sha256, uploaded_by, created_at';

/** Where attachment files live: under DATA_DIR, never inside a served folder. */
export function attachmentStore(deps: { config: Pick<AppDeps['config'], 'dataDir'> }) {
  return createBlobStore(path.join(deps.config.dataDir, 'attachments'));
}

/**
 * Stores an uploaded file on a ticket, or on one of its messages (`messageId`, see
 * attachableMessage): the type comes from its bytes (an allowlist; the claimed Content-Type is
 * ignored), the name is sanitised, the content is kept once per org under its SHA-256, and the
 * org's quota counts each content once. Uploads of one org are serialised by an advisory lock so
 * two of them cannot both squeeze under the quota.
 *
 * @example
 * const row = await saveAttachment(db, deps, caller, 42, upload, { messageId: query.message_id });
 */
export async function saveAttachment(
  tx: TransactionSql,
  deps: AppDeps,
  caller: MemberCaller | ApiKeyCaller,
  ticketNumber: number,
  upload: Upload,
  opts: { messageId?: string | undefined } = {},
): Promise<AttachmentRow> {
  assertMayWriteOn(caller, await findTicket(tx, ticketNumber));
  const messageId = opts.messageId ? await attachableMessage(tx, caller, ticketNumber, opts.messageId) : null;
  return storeAttachment(tx, deps, caller.orgId, { ticketNumber, upload, uploadedBy: caller.kind === 'member' ? caller.userId : null, messageId });
}

/**
 * The rules of `saveAttachment` for a ticket the caller already holds (email attachments go
 * through here too): type by magic bytes, sanitised name, quota, one copy per content. Refusals
 * are HttpErrors (415, 413) that a caller may turn into a note instead.
 */
export async function storeAttachment(
  tx: TransactionSql,
  deps: { config: Pick<AppDeps['config'], 'dataDir'> },
  orgId: string,
  input: { ticketNumber: number; upload: Upload; uploadedBy: string | null; messageId?: string | null; contentId?: string | null },
): Promise<AttachmentRow> {
  const { upload } = input;
  const type = await sniffType(upload.head, upload.filename);
  if (!type) throw new HttpError(415, 'unsupported_media_type', t('error.attachment_type_refused'));
  const filename = sanitizeFilename(upload.filename);
  await tx`select pg_advisory_xact_lock(hashtextextended('attachments:' || ${orgId}, 0))`;
  const [usage] = await tx<{ used: string; quota: string; known: boolean }[]>`
    select coalesce((select sum(size) from attachment_blobs), 0)::text as used,
           (select attachment_quota_bytes from organizations where id = ${orgId})::text as quota,
           exists (select 1 from attachment_blobs where sha256 = ${upload.sha256}) as known`;
  if (!usage!.known && BigInt(usage!.used) + BigInt(upload.size) > BigInt(usage!.quota)) {
    throw new HttpError(413, 'quota_exceeded', t('error.attachment_quota_full', { quota: formatBytes(usage!.quota) }));
  }
  await attachmentStore(deps).put(orgId, upload.sha256, upload.tmpPath);
  await tx`
    insert into attachment_blobs (org_id, sha256, size, mime) values (${orgId}, ${upload.sha256}, ${upload.size}, ${type.mime})
    on conflict do nothing`;
  const [row] = await tx.unsafe<AttachmentRow[]>(
    `insert into attachments (org_id, ticket_number, message_id, content_id, sha256, filename, size, mime, uploaded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${ATTACHMENT_COLUMNS}`,
    [orgId, input.ticketNumber, input.messageId ?? null, input.contentId ?? null, upload.sha256, filename, upload.size, type.mime, input.uploadedBy],
  );
  return row!;
}

/** The API shape of an attachment. */
export function serializeAttachment(a: AttachmentRow) {
  return {
    id: a.id,
    ticket_number: Number(a.ticket_number),
    message_id: a.message_id,
    filename: a.filename,
    size: Number(a.size),
    mime: a.mime,
    sha256: a.sha256,
    uploaded_by: a.uploaded_by,
    created_at: a.created_at,
    download_url: `/api/v1/attachments/${a.id}`,
  };
}

function formatBytes(bytes: string): string {
  return `${(Number(bytes) / 1024 / 1024).toFixed(0)} MiB`;
}
