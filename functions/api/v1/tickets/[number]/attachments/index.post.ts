import * as v from 'valibot';
import { saveAttachment, serializeAttachment } from '#lib/attachments/save-attachment.ts';
import { HttpError } from '#lib/http/errors.ts';
import { idempotent } from '#lib/http/idempotency.ts';
import { uuid } from '#lib/http/schemas.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /api/v1/tickets/:number/attachments?message_id= — a multipart `file` (ATTACHMENT_MAX_MB,
 * default 25: bigger bodies are cut off with 413); the type is checked by its bytes (415
 * otherwise); 201. With `message_id` the file belongs to that message of the ticket (customers:
 * one of their own), and the conversation lists it under the message. Honours `Idempotency-Key`.
 */
export default endpoint({
  auth: { permission: 'tickets.reply' },
  params: ticketNumberParams,
  query: v.object({ message_id: v.optional(uuid) }),
  upload: { field: 'file' },
  responses: { 201: { description: 'The stored attachment' } },
  async handler({ c, db, caller, params, query, upload }) {
    if (!upload) throw new HttpError(400, 'file_missing', t('error.file_part_missing'));
    // A retried upload is the same request when it carries the same bytes to the same place.
    const request = { message_id: query.message_id ?? null, sha256: upload.sha256, filename: upload.filename };
    return idempotent(c, db, caller, request, async () => {
      const row = await saveAttachment(db, c.var.deps, caller, params.number, upload, { messageId: query.message_id });
      return { status: 201, body: serializeAttachment(row) };
    });
  },
});
