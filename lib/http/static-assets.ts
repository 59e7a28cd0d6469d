import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The only files /assets serves, by public name: htmx from the installed package (never a CDN),
 * our scripts and stylesheets (views/assets, found through package.json's `#views/*`, as files to
 * read, not modules to load). `htmx-sse.js` is htmx with its SSE extension appended in the same
 * file: as two deferred scripts, htmx could initialise the page (it does so on a timer once the
 * document is parsed) before the extension's file had arrived, and the page's live stream would
 * never open. hx-csp.js is deliberately absent: it gates htmx behind CSP nonces, and our CSP is
 * `script-src 'self'` without nonces, so it would block all htmx.
 */
const ALLOWLIST = new Map<string, { files: () => string[]; type: string }>([
  ['htmx.js', { files: () => [require.resolve('htmx.org/dist/htmx.min.js')], type: JS }],
  ['htmx-sse.js', { files: () => [require.resolve('htmx.org/dist/htmx.min.js'), require.resolve('htmx.org/dist/ext/hx-sse.min.js')], type: JS }],
  ['shortcuts.js', { files: () => [require.resolve('#views/assets/shortcuts.js')], type: JS }],
  ['app.css', { files: () => [require.resolve('#views/assets/app.css')], type: CSS }],
  ['ticket.css', { files: () => [require.resolve('#views/assets/ticket.css')], type: CSS }],
  ['ticket.js', { files: () => [require.resolve('#views/assets/ticket.js')], type: JS }],
]);

/** One served file: its bytes, its Content-Type and its strong ETag. */
export interface StaticAsset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
}

/** Each file is read once, on its first request, and kept in memory for the life of the process. */
const loaded = new Map<string, Promise<StaticAsset>>();

/**
 * The allowlisted file by its public name, undefined for any other name.
 *
 * @example
 * const asset = await loadStaticAsset('app.css'); // { body, type: 'text/css; charset=utf-8', etag: '"…"' }
 */
export function loadStaticAsset(name: string): Promise<StaticAsset> | undefined {
  const entry = ALLOWLIST.get(name);
  if (!entry) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    // Scripts joined end to end, each ended by a newline and `;` (a minified file may end without them).
    const joined = (parts: Buffer[]) => (parts.length === 1 ? parts[0]! : Buffer.concat(parts.flatMap((part) => [part, Buffer.from('\n;\n')])));
    asset = Promise.all(entry.files().map((f) => readFile(f)))
      .then(joined)
      .then((body) => ({
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

/**
 * Whether a request's `If-None-Match` names `etag`; it may list several tags, weak ones (`W/"..."`) or `*`.
 *
 * @example
 * etagMatches('W/"abc", "def"', '"abc"'); // true
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
