type Iconv = typeof import('iconv-lite');
type DetectAll = typeof import('jschardet').detectAll;

// The charsets mail is written in (jschardet's names). Left out on purpose: EBCDIC, DOS and Mac
// code pages, UTF-16/32 and UTF-7, which a short text can resemble by chance (a short Shift_JIS
// line scores highest as EBCDIC cp500 when everything is allowed).
const MAIL_CHARSETS = [
  'ascii',
  'utf-8',
  'iso2022_jp_2',
  'iso2022_jp_2004',
  'iso2022_jp_ext',
  'iso2022_kr',
  'cp932',
  'shift_jis_2004',
  'euc_jis_2004',
  'gb18030',
  'big5hkscs',
  'cp949',
  'euc_kr',
  'koi8-r',
  'koi8-u',
  'tis-620',
  'cp874',
  'cp1250',
  'cp1251',
  'cp1252',
  'cp1253',
  'cp1254',
  'cp1255',
  'cp1256',
  'cp1257',
  'cp1258',
  'iso8859-1',
  'iso8859-2',
  'iso8859-5',
  'iso8859-7',
  'iso8859-8',
  'iso8859-9',
  'iso8859-13',
  'iso8859-15',
];
// Enough text to tell a charset by; a long part is judged by its start (jschardet takes about
// a millisecond per 16 KiB once loaded).
const SAMPLE_BYTES = 16 * 1024;
// libmime (mailparser) decodes these through encoding-japanese; iconv-lite does not know them.
const ISO_2022 = /^iso-?2022-?(jp|kr)/i;
const ASCII_NAMES = new Set(['', 'ascii', 'usascii', 'ansix341968', 'us']);
// An escape into another character set: what an unlabelled 7-bit ISO-2022 text looks like.
const ISO_2022_ESCAPE = /\x1b[$(][@-Z]/;

let loaded: Promise<{ iconv: Iconv; detectAll: DetectAll }> | null = null;
// Loaded on first use: most mail is labelled correctly and never needs them.
const load = () => (loaded ??= Promise.all([import('iconv-lite'), import('jschardet')]).then(([i, j]) => ({ iconv: i.default, detectAll: j.detectAll })));

/** Valid UTF-8 (pure ASCII included). */
function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const hasHighBytes = (bytes: Buffer) => bytes.some((b) => b >= 0x80);

/** The sample cut at a line end, so that a multibyte character is not split at its end. */
function sample(bytes: Buffer): Buffer {
  if (bytes.length <= SAMPLE_BYTES) return bytes;
  const cut = bytes.lastIndexOf(0x0a, SAMPLE_BYTES);
  return bytes.subarray(0, cut > 0 ? cut : SAMPLE_BYTES);
}

/** Decodes without a replacement character: the bytes are text in that charset. */
function decodesCleanly(iconv: Iconv, bytes: Buffer, charset: string): boolean {
  return iconv.encodingExists(charset) && !iconv.decode(bytes, charset).includes('\ufffd');
}

/**
 * The charset these bytes are most likely written in: UTF-8 when they are valid UTF-8, else
 * the best of jschardet's candidates among the charsets mail uses that decodes them without a
 * replacement character. Null when none does (the caller keeps what it had: UTF-8 or the label).
 *
 * @example
 * await guessCharset(iconv.encode('ツール', 'shift_jis')); // 'CP932'
 */
async function guessCharset(bytes: Buffer): Promise<string | null> {
  if (isValidUtf8(bytes) && !ISO_2022_ESCAPE.test(bytes.toString('latin1'))) return 'utf-8';
  const { iconv, detectAll } = await load();
  const text = sample(bytes);
  for (const { encoding } of detectAll(text, { detectEncodings: MAIL_CHARSETS, minimumThreshold: 0 })) {
    if (!encoding || /^(ascii|utf-8)$/i.test(encoding)) continue;
    if (ISO_2022.test(encoding)) return ISO_2022_ESCAPE.test(text.toString('latin1')) ? encoding.toUpperCase() : null;
    if (decodesCleanly(iconv, text, encoding)) return encoding;
  }
  return null;
}

/**
 * The charset a text part should be read in, or null to keep its label. A guess is made only
 * when the label cannot be right: no label (or US-ASCII) on 8-bit or ISO-2022-escaped text, a
 * label no decoder knows (`unknown-8bit`), or bytes that are not valid in the labelled charset.
 * Valid UTF-8 stays UTF-8, and plain ASCII stays as it is.
 *
 * @example
 * await charsetFor(sjisBytes, 'us-ascii'); // 'CP932'
 * await charsetFor(Buffer.from('ok'), null); // null
 */
export async function charsetFor(bytes: Buffer, declared: string | null): Promise<string | null> {
  const label = (declared ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const escaped = ISO_2022_ESCAPE.test(bytes.toString('latin1'));
  if (!hasHighBytes(bytes) && !escaped) return null;
  if (ASCII_NAMES.has(label) || label === 'utf8') {
    if (isValidUtf8(bytes) && !(escaped && label !== 'utf8')) return null;
  } else {
    if (ISO_2022.test(declared ?? '')) return null;
    const { iconv } = await load();
    if (iconv.encodingExists(declared!) && decodesCleanly(iconv, sample(bytes), declared!)) return null;
  }
  const guess = await guessCharset(bytes);
  return guess === null || guess.toLowerCase().replace(/[^a-z0-9]/g, '') === label ? null : guess;
}

/**
 * The charset raw 8-bit header bytes are in when they are not UTF-8 (RFC 6532), or null when
 * there is no better reading than UTF-8. ISO-2022 never shows here: it is 7-bit.
 *
 * @example
 * await headerCharset(iconv.encode('Subject: ツール', 'shift_jis')); // 'CP932'
 */
export async function headerCharset(bytes: Buffer): Promise<string | null> {
  if (isValidUtf8(bytes)) return null;
  const guess = await guessCharset(bytes);
  return guess === null || guess === 'utf-8' || ISO_2022.test(guess) ? null : guess;
}

/** The bytes, read in `charset` (one headerCharset returned), as UTF-8. */
export async function toUtf8(bytes: Buffer, charset: string): Promise<Buffer> {
  const { iconv } = await load();
  return Buffer.from(iconv.decode(bytes, charset), 'utf8');
}
