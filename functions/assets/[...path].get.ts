import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { HttpError } from '#lib/http/errors.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const require = createRequire(import.meta.url);
const JS = 'text/javascript; charset=utf-8';

const own = (name: string) => fileURLToPath(new URL(`../../views/assets/${name}`, import.meta.url));

/**
 * The only files /assets serves, by public name: htmx from the installed package (never a CDN),
 * our scripts and stylesheets. `htmx-sse.js` is htmx with its SSE extension appended in the same
 * file: as two deferred scripts, htmx could initialise the page (it does so on a timer once the
 * document is parsed) before the extension's file had arrived, and the page's live stream would
 * never open. hx-csp.js is deliberately absent: it gates htmx behind CSP nonces, and our CSP is
 * `script-src 'self'` without nonces, so it would block all htmx.
 */
const ALLOWLIST = new Map<string, { files: () => string[]; type: string }>([
  ['htmx.js', { files: () => [require.resolve('htmx.org/dist/htmx.min.js')], type: JS }],
  ['htmx-sse.js', { files: () => [require.resolve('htmx.org/dist/htmx.min.js'), require.resolve('htmx.org/dist/ext/hx-sse.min.js')], type: JS }],
  ['shortcuts.js', { files: () => [own('shortcuts.js')], type: JS }],
  ['app.css', { files: () => [own('app.css')], type: 'text/css; charset=utf-8' }],
  ['ticket.css', { files: () => [own('ticket.css')], type: 'text/css; charset=utf-8' }],
  ['ticket.js', { files: () => [own('ticket.js')], type: JS }],
]);

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
}

/** Each file is read once, on its first request, and kept in memory for the life of the process. */
const loaded = new Map<string, Promise<Asset>>();

function load(name: string): Promise<Asset> | undefined {
  const entry = ALLOWLIST.get(name);
  if (!entry) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    // Scripts joined end to end, each ended by a newline and `;` (a minified file may end without them).
    const joined = (parts: Buffer[]) => (parts.length === 1 ? parts[0]! : Buffer.concat(parts.flatMap((part) => [part, Buffer.from('\n;\n')])));
    asset = Promise.all(entry.files().map((f) => readFile(f))).then(joined).then((body) => ({
      body: new Uint8Array(body),
      type: entry.type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    }));
    // A failed read (a missing node_modules file) must not stick: the next request tries again.
    asset.catch(() => loaded.delete(name));
    loaded.set(name, asset);
  }
  return asset;
}

/** `If-None-Match` may list several tags, weak ones (`W/"..."`) or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** GET /assets/* — the static files the pages need, from a fixed allowlist, with ETag revalidation. */
export default endpoint({
  auth: 'public',
  transaction: false,
  params: v.object({ path: v.string() }),
  async handler({ c, params }) {
    const asset = await load(params.path);
    if (!asset) throw new HttpError(404, 'not_found', `No asset named ${params.path}`);
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('ETag', asset.etag);
    if (matches(c.req.header('if-none-match'), asset.etag)) return c.body(null, 304);
    c.header('Content-Type', asset.type);
    return c.body(asset.body, 200);
  },
});
