import { saveAttachment, serializeAttachment } from '../../../../../../lib/attachments/save-attachment.ts';
import { HttpError } from '../../../../../../lib/http/errors.ts';
import { ticketNumberParams } from '../../../../../../lib/tickets/model.ts';
import { endpoint } from '../../../../../../lib/router/endpoint.ts';

/**
 * POST /api/v1/tickets/:number/attachments — a multipart `file` (ATTACHMENT_MAX_MB, default 25:
 * bigger bodies are cut off with 413); the type is checked by its bytes (415 otherwise); 201.
 */
export default endpoint({
  auth: { permission: 'tickets.reply' },
  params: ticketNumberParams,
  upload: { field: 'file' },
  responses: { 201: { description: 'The stored attachment' } },
  async handler({ c, db, caller, params, upload }) {
    if (!upload) throw new HttpError(400, 'file_missing', 'Send the file as a multipart/form-data part named "file"');
    const row = await saveAttachment(db, c.var.deps, caller, params.number, upload);
    return c.json(serializeAttachment(row), 201);
  },
});
