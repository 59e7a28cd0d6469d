import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { findAttachmentFile } from '#lib/attachments/read-attachments.ts';
import { attachmentStore } from '#lib/attachments/save-attachment.ts';
import { downloadHeaders } from '#lib/attachments/download-headers.ts';
import { HttpError } from '#lib/http/errors.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * GET /api/v1/attachments/:id — the file, always as a download (`Content-Disposition:
 * attachment`), `nosniff` and a sandboxing CSP, so nothing uploaded ever runs in our origin.
 */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const a = await findAttachmentFile(db, params.id);
    const store = attachmentStore(c.var.deps);
    // Checked before the headers go out: a missing file must be an error answer, not a cut stream.
    if (!(await stat(store.path(caller.orgId, a.sha256)).catch(() => null))) {
      throw new HttpError(410, 'file_gone', t('error.file_gone'));
    }
    const stream = store.open(caller.orgId, a.sha256);
    return new Response(Readable.toWeb(stream) as ReadableStream, { headers: downloadHeaders(a) });
  },
});
