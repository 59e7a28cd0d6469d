import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { attachmentStore } from '#lib/attachments/save-attachment.ts';
import { downloadHeaders } from '#lib/attachments/download-headers.ts';
import { HttpError } from '#lib/http/errors.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/attachments/:id — the file, always as a download (`Content-Disposition:
 * attachment`), `nosniff` and a sandboxing CSP, so nothing uploaded ever runs in our origin.
 */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const [a] = await db<{ sha256: string; filename: string; mime: string; size: string }[]>`
      select sha256, filename, mime, size::text as size from attachments where id = ${params.id}`;
    if (!a) throw new HttpError(404, 'not_found', 'No attachment with that id in this organization');
    const store = attachmentStore(c.var.deps);
    // Checked before the headers go out: a missing file must be an error answer, not a cut stream.
    if (!(await stat(store.path(caller.orgId, a.sha256)).catch(() => null))) {
      throw new HttpError(410, 'file_gone', 'The stored file of this attachment is missing on the server; ask an administrator to restore it from backup');
    }
    const stream = store.open(caller.orgId, a.sha256);
    return new Response(Readable.toWeb(stream) as ReadableStream, { headers: downloadHeaders({ filename: a.filename, mime: a.mime, size: Number(a.size) }) });
  },
});
