import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { storeAttachment } from '#lib/attachments/save-attachment.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import type { MailPart } from './parse.ts';

export interface RefusedPart {
  filename: string;
  reason: string;
}

// Parts that are the report itself, not a file someone attached.
const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/global-headers']);

/**
 * Stores a mail's attachments and inline images on its ticket message through the upload rules
 * (lib/attachments: type by magic bytes from an allowlist, size cap, org quota, one copy per
 * content). A part the rules refuse is returned with the reason instead of failing the mail.
 *
 * @example
 * const refused = await storeMailParts(tx, { dataDir, maxBytes }, orgId, 42, messageId, mail.parts, senderId);
 */
export async function storeMailParts(
  tx: TransactionSql,
  limits: { dataDir: string; maxBytes: number },
  orgId: string,
  ticketNumber: number,
  messageId: string,
  parts: MailPart[],
  uploadedBy: string | null,
): Promise<RefusedPart[]> {
  const refused: RefusedPart[] = [];
  const tmpDir = path.join(limits.dataDir, 'tmp');
  await mkdir(tmpDir, { recursive: true, mode: 0o750 });
  for (const part of parts) {
    if (REPORT_TYPES.has(part.contentType)) continue;
    if (part.content.length > limits.maxBytes) {
      refused.push({ filename: part.filename, reason: `larger than the ${Math.round(limits.maxBytes / 1024 / 1024)} MiB attachment limit (${part.content.length} bytes)` });
      continue;
    }
    const tmpPath = path.join(tmpDir, `mail-${randomUUID()}`);
    try {
      await writeFile(tmpPath, part.content, { mode: 0o640 });
      const upload = {
        tmpPath,
        size: part.content.length,
        sha256: createHash('sha256').update(part.content).digest('hex'),
        head: part.content.subarray(0, 4100),
        filename: part.filename,
        claimedType: part.contentType,
      };
      await storeAttachment(tx, { config: { dataDir: limits.dataDir } }, orgId, { ticketNumber, upload, uploadedBy, messageId, contentId: part.contentId });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      refused.push({ filename: part.filename, reason: err.message });
    } finally {
      await rm(tmpPath, { force: true });
    }
  }
  return refused;
}
