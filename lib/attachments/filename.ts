/** Longest stored name in UTF-8 bytes: well under the 255-byte limit of common file systems. */
const MAX_BYTES = 200;
/** A longer "extension" is part of the name, not a type hint worth keeping through truncation. */
const MAX_EXT_BYTES = 16;
const FALLBACK = 'attachment';

// C0, DEL and C1 controls, plus the bidi overrides and isolates that make `gpj.exe` read as
// `exe.jpg`, and zero-width characters that hide them.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Characters Windows refuses in a name: the file is offered back to users who save it there.
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
// Device names Windows opens instead of a file, with or without an extension (`con.txt` too).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

const utf8 = new TextEncoder();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function byteLength(s: string): number {
  return utf8.encode(s).byteLength;
}

/** Cuts at grapheme boundaries so truncation never leaves half an emoji or a lone combining mark. */
function truncateBytes(s: string, max: number): string {
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    const n = byteLength(segment);
    if (used + n > max) break;
    out += segment;
    used += n;
  }
  return out;
}

function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
}

/**
 * Makes a client-sent file name safe to store and to offer back for download: no directory
 * part, no control or bidi characters, no `..`, no hidden-file dot, no Windows device name, at
 * most 200 UTF-8 bytes with the extension kept. Never empty.
 *
 * @example
 * sanitizeFilename('../../etc/passwd'); // 'passwd'
 * sanitizeFilename('C:\\Users\\me\\report .pdf'); // 'report .pdf'
 * sanitizeFilename('...'); // 'attachment'
 */
export function sanitizeFilename(raw: string): string {
  let name = raw.normalize('NFC');
  // Browsers on Windows send full paths; either separator may come from either platform.
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name
    .replace(INVISIBLE, '')
    .replace(WINDOWS_FORBIDDEN, '_')
    .replace(/\.{2,}/g, '.');
  name = tidy(name);
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;

  if (byteLength(name) > MAX_BYTES) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot) : '';
    const keepExt = ext.length > 1 && byteLength(ext) <= MAX_EXT_BYTES && !/\s/.test(ext);
    const stem = keepExt ? name.slice(0, dot) : name;
    const suffix = keepExt ? ext : '';
    name = tidy(truncateBytes(stem, MAX_BYTES - byteLength(suffix))) + suffix;
    name = tidy(name);
  }
  return name === '' ? FALLBACK : name;
}

/** RFC 5987 attr-char is stricter than encodeURIComponent: `'()*` must be escaped too. */
function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Plain ASCII for old clients: accents dropped (é → e), anything else non-ASCII becomes `_`. */
function asciiFallback(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_');
}

/**
 * A `Content-Disposition` value (RFC 6266) that always downloads: an ASCII `filename` quoted
 * and escaped for old clients, and the exact name as UTF-8 in `filename*`. Control characters
 * are dropped so a name can never split the header.
 *
 * @example
 * contentDisposition('résumé "final".pdf');
 * // 'attachment; filename="resume \"final\".pdf"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9%20%22final%22.pdf'
 */
export function contentDisposition(filename: string): string {
  const name = filename.normalize('NFC').replace(INVISIBLE, '') || FALLBACK;
  const quoted = asciiFallback(name).replace(/[\\"]/g, '\\$&');
  return `attachment; filename="${quoted}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
