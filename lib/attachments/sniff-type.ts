import { fileTypeFromBuffer } from 'file-type';

/** A type an attachment may have, as decided from its bytes. */
export interface SniffedType {
  mime: string;
  ext: string;
}

/**
 * Every attachment type we accept, extension → MIME type. Types that can carry script when a
 * browser renders them (HTML, SVG, XML) are absent on purpose, and so is every executable.
 *
 * @example
 * ALLOWED_TYPES.pdf; // 'application/pdf'
 */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = Object.freeze({
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  eml: 'message/rfc822',
  // An ASCII-armoured OpenPGP message (`-----BEGIN PGP MESSAGE-----`, usually named .asc): the
  // encrypted part of a PGP/MIME mail (lib/mail/inbound/pgp-mime.ts). Inert data, never rendered.
  pgp: 'application/pgp-encrypted',
});

// Text has no magic bytes, so for these only the name says which text it is.
const TEXT_EXTENSIONS = new Set(['txt', 'log', 'md', 'csv', 'eml']);
// Markup a browser or an old sniffer could still run as a page, whatever the name says.
const MARKUP_START = /^\s*<(?:!doctype\s+html|html|head|body|script|svg|\?xml|iframe)\b/i;
// The first line of a message: a header field (`Subject: hi`) or an mbox `From ` line.
const EMAIL_START = /^(?:From |[!-9;-~]+:)/;

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

/** Valid UTF-8 without NUL; a sequence cut at the end of the head is not held against it. */
function isUtf8Text(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    // `stream: true` keeps an incomplete trailing character pending instead of failing.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function sniffText(head: Buffer, ext: string): SniffedType | null {
  if (!TEXT_EXTENSIONS.has(ext) || !isUtf8Text(head)) return null;
  const text = head.toString('utf8').replace(/^\ufeff/, '');
  // A script is not a document, and markup is refused here as it is under its own name.
  if (text.startsWith('#!') || MARKUP_START.test(text)) return null;
  if (ext === 'eml' && !EMAIL_START.test(text)) return null;
  const mime = ALLOWED_TYPES[ext];
  return mime === undefined ? null : { mime, ext };
}

/**
 * Decides an attachment's type from its first bytes (pass at least the first 4100): magic
 * bytes first, then, for text, the file name's extension. Returns null for anything not in
 * `ALLOWED_TYPES`; the caller answers 415. The client's Content-Type is never consulted.
 *
 * @example
 * await sniffType(upload.head, upload.filename); // { mime: 'image/png', ext: 'png' } or null
 */
export async function sniffType(head: Buffer, filename: string): Promise<SniffedType | null> {
  let detected;
  try {
    detected = await fileTypeFromBuffer(head);
  } catch {
    // A head crafted to break a parser is not a file we want.
    return null;
  }
  if (detected) {
    return ALLOWED_TYPES[detected.ext] === detected.mime ? { mime: detected.mime, ext: detected.ext } : null;
  }
  return sniffText(head, extensionOf(filename));
}
