import { charsetFor, headerCharset, toUtf8 } from './charset-guess.ts';

// The message is handled as a latin1 string: one character per byte, so every offset is a byte
// offset and everything not edited goes back out byte for byte.
interface Field {
  name: string;
  start: number;
  /** The field's length as read; `text` may be rewritten since. */
  length: number;
  text: string;
  changed: boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const MAX_DEPTH = 20;
// Text parts looked at per mail: a mail of thousands of tiny parts must not cost a guess each.
const MAX_TEXT_PARTS = 64;

interface Walk {
  s: string;
  edits: Edit[];
  textParts: number;
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function param(value: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

const unfold = (text: string) => text.replace(/\r?\n(?=[ \t])/g, '');
const fieldValue = (field: Field | undefined) => (field ? unfold(field.text.slice(field.text.indexOf(':') + 1)).trim() : '');

function fieldsOf(head: string, offset: number): Field[] {
  const fields: Field[] = [];
  const re = /[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/g;
  for (let m = re.exec(head); m !== null && m.index < head.length; m = re.exec(head)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const colon = m[0].indexOf(':');
    if (colon > 0) fields.push({ name: m[0].slice(0, colon).trim().toLowerCase(), start: offset + m.index, length: m[0].length, text: m[0], changed: false });
  }
  return fields;
}

function transferDecoded(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
  }
  return Buffer.from(body, 'latin1');
}

/** Parts of a multipart body, as [start, end) offsets in `s`, between its delimiter lines. */
function partsOf(s: string, start: number, end: number, boundary: string): [number, number][] {
  // The line break before a delimiter belongs to it; the one after it is looked at, not taken.
  const re = new RegExp(`(^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?=(\\r?\\n|$))`, 'g');
  const body = s.slice(start, end);
  const parts: [number, number][] = [];
  let open: number | null = null;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    if (open !== null) parts.push([start + open, start + m.index]);
    if (m[2]) return parts;
    open = m.index + m[0].length + (m[3]?.length ?? 0);
  }
  // No closing delimiter: the last part runs to the end.
  if (open !== null) parts.push([start + open, end]);
  return parts;
}

async function walk(w: Walk, start: number, end: number, depth: number, defaultType: string): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const { s, edits } = w;
  const entity = s.slice(start, end);
  const blank = /^\r?\n/.exec(entity) ?? /\r?\n\r?\n/.exec(entity);
  const headEnd = blank ? blank.index : entity.length;
  const bodyStart = blank ? blank.index + blank[0].length : entity.length;
  const nl = /\r\n/.test(entity.slice(0, bodyStart)) ? '\r\n' : '\n';
  const fields = fieldsOf(entity.slice(0, headEnd), start);

  // Raw 8-bit header bytes that are not UTF-8 (RFC 6532), read in the charset they look like.
  const eight = fields.filter((f) => /[\x80-\xff]/.test(f.text));
  if (eight.length) {
    // Judged together: one field alone is often too short to tell.
    const charset = await headerCharset(Buffer.from(eight.map((f) => f.text).join(nl), 'latin1'));
    if (charset !== null) {
      for (const f of eight) {
        f.text = (await toUtf8(Buffer.from(f.text, 'latin1'), charset)).toString('latin1');
        f.changed = true;
      }
    }
  }
  // A subject in raw ISO-2022-JP escapes: made the encoded word it should have been.
  const subject = fields.find((f) => f.name === 'subject');
  if (depth === 0 && subject && /\x1b[$(]/.test(subject.text) && !subject.text.includes('=?')) {
    subject.text = `Subject: =?ISO-2022-JP?B?${Buffer.from(fieldValue(subject), 'latin1').toString('base64')}?=`;
    subject.changed = true;
  }

  const contentType = fields.find((f) => f.name === 'content-type');
  const value = fieldValue(contentType);
  const type = value.split(';')[0]!.trim().toLowerCase() || defaultType;
  if (type.startsWith('multipart/')) {
    const boundary = param(value, 'boundary');
    if (boundary) {
      for (const [a, b] of partsOf(s, start + bodyStart, end, boundary)) await walk(w, a, b, depth + 1, type === 'multipart/digest' ? 'message/rfc822' : 'text/plain');
    }
  } else if (type.startsWith('text/') && !/^attachment/i.test(fieldValue(fields.find((f) => f.name === 'content-disposition'))) && w.textParts++ < MAX_TEXT_PARTS) {
    const encoding = fieldValue(fields.find((f) => f.name === 'content-transfer-encoding')).toLowerCase();
    const charset = await charsetFor(transferDecoded(entity.slice(bodyStart), encoding), param(value, 'charset'));
    if (charset !== null && contentType) {
      contentType.text = /;\s*charset\s*=/i.test(contentType.text)
        ? contentType.text.replace(/(;\s*charset\s*=\s*)(?:"[^"]*"|[^;\s]*)/i, `$1${charset}`)
        : `${contentType.text.trimEnd()}; charset=${charset}`;
      contentType.changed = true;
    } else if (charset !== null) {
      edits.push(
        headEnd === 0
          ? { start, end: start, text: `Content-Type: ${type}; charset=${charset}${nl}` }
          : { start: start + headEnd, end: start + headEnd, text: `${nl}Content-Type: ${type}; charset=${charset}` },
      );
    }
  }
  for (const f of fields) if (f.changed) edits.push({ start: f.start, end: f.start + f.length, text: f.text });
}

/**
 * The message with every charset label mailparser would get wrong put right, and nothing else
 * changed: an unlabelled, US-ASCII-labelled or mislabelled text part gets the charset its bytes
 * are in (charsetFor), raw 8-bit header fields that are not UTF-8 are re-encoded as UTF-8,
 * and a subject in raw ISO-2022-JP becomes an encoded word. Bodies are not touched.
 *
 * @example
 * const fixed = await relabelCharsets(raw); // then simpleParser(fixed)
 */
export async function relabelCharsets(raw: Buffer): Promise<Buffer> {
  const s = raw.toString('latin1');
  const edits: Edit[] = [];
  await walk({ s, edits, textParts: 0 }, 0, s.length, 0, 'text/plain');
  if (edits.length === 0) return raw;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += s.slice(at, e.start) + e.text;
    at = e.end;
  }
  return Buffer.from(out + s.slice(at), 'latin1');
}
