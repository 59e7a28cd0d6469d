import { contentDisposition } from './filename.ts';

/**
 * Response headers for serving a stored attachment. Always a download, never rendered inline:
 * even if a browser did render it, `nosniff` pins the sniffed type and the sandbox CSP gives it
 * no script, no origin and no subresources. Text is declared UTF-8 because sniffType only
 * accepts text that is.
 *
 * @example
 * return c.body(Readable.toWeb(blobs.open(orgId, sha)), 200,
 *   downloadHeaders({ filename: 'report.pdf', mime: 'application/pdf', size: 48213 }));
 */
export function downloadHeaders(file: { filename: string; mime: string; size: number }): Record<string, string> {
  return {
    'Content-Type': file.mime.startsWith('text/') ? `${file.mime}; charset=utf-8` : file.mime,
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(file.filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': 'private, no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
