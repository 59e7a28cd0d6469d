import { createHash } from 'node:crypto';
import type { Attachment, ParsedMail } from 'mailparser';
import { messageBody, type MessageBody } from '#lib/tickets/message-body.ts';
import { relabelCharsets } from './charset-labels.ts';
import { pgpMime } from './pgp-mime.ts';

/** A mail that cannot be filed as a ticket or reply; it is set aside with this reason. */
export class MalformedMail extends Error {
  override name = 'MalformedMail';
}

export interface MailPart {
  filename: string;
  contentType: string;
  content: Buffer;
  /** The Content-ID without angle brackets, for an inline image referenced as `cid:` from the HTML. */
  contentId: string | null;
}

/** What filing needs from a raw message, decoded and sanitised. */
export interface InboundMail {
  /** The Message-ID without brackets, or `sha256-<hex>@atum.invalid` of the bytes when absent. */
  messageId: string;
  hasMessageId: boolean;
  from: { address: string; name: string };
  subject: string;
  /** In-Reply-To first, then References newest to oldest: the order to look threads up in. */
  threadIds: string[];
  body: MessageBody;
  parts: MailPart[];
  /** Header fields by lower-case name, unfolded, every occurrence. */
  headers: ReadonlyMap<string, string[]>;
  /** `multipart/report; report-type=delivery-status`, or a delivery-status part. */
  isDeliveryReport: boolean;
}

const MAX_BODY_CHARS = 1_000_000;
const HEADER_END = /\r?\n\r?\n/;
const HEADER_LINE = /^[!-9;-~]+:/;
// Names for unnamed parts, so that what an agent sees (or a refusal note names) says what it was.
const EXTENSIONS: Record<string, string> = { 'text/calendar': 'ics', 'message/rfc822': 'eml', 'text/plain': 'txt', 'image/jpeg': 'jpg', 'application/ms-tnef': 'dat' };
const ADDRESS = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;

/** `<a@b>` → `a@b`; trimmed, at most 998 characters (a header line's limit). */
export function bareId(id: string): string {
  return id
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim()
    .slice(0, 998);
}

function idList(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value : value ? [value] : [];
  return all
    .flatMap((v) => v.split(/[\s,]+/))
    .map(bareId)
    .filter((v) => v.length > 0);
}

/** The header block as fields, checked enough to tell mail from garbage before mailparser guesses. */
function readHeaders(raw: Buffer): Map<string, string[]> {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = text.search(HEADER_END);
  const block = end < 0 ? text : text.slice(0, end);
  if (block.includes('\0')) throw new MalformedMail('the header section contains NUL bytes: not a mail message');
  const lines = block.split(/\r?\n/);
  if (!HEADER_LINE.test(lines[0] ?? '')) throw new MalformedMail('the message does not start with a header field');
  const headers = new Map<string, string[]>();
  let current: [string, string] | null = null;
  const flush = () => {
    if (current) headers.set(current[0], [...(headers.get(current[0]) ?? []), current[1].trim()]);
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current) {
      current[1] += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    current = colon > 0 ? [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1)] : null;
  }
  flush();
  return headers;
}

/** A multipart body whose boundary never appears is a broken structure, not a text message. */
function checkStructure(raw: Buffer, headers: Map<string, string[]>): void {
  const type = headers.get('content-type')?.[0] ?? '';
  if (!/^\s*multipart\//i.test(type)) return;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  const value = boundary?.[1] ?? boundary?.[2];
  if (!value) throw new MalformedMail('multipart message without a boundary parameter');
  if (!raw.includes(`--${value}`)) throw new MalformedMail(`multipart message whose boundary "${value.slice(0, 70)}" never occurs in the body`);
}

function attachmentPart(a: Attachment): MailPart {
  const cid = a.contentId ? bareId(a.contentId) : a.cid ? bareId(a.cid) : null;
  const type = a.contentType.toLowerCase();
  const ext = EXTENSIONS[type] ?? type.split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
  const unnamed = type === 'text/calendar' ? 'invitation' : cid ? `inline-${cid.split('@')[0]}` : 'attachment';
  return { filename: a.filename ?? `${unnamed}.${ext}`, contentType: a.contentType.toLowerCase(), content: a.content, contentId: a.related || cid ? cid : null };
}

/**
 * Decodes a raw RFC 5322 message: charsets (ISO-8859-1, Windows-1252, Shift_JIS …; guessed
 * where a part has no label or a wrong one, see relabelCharsets), transfer encodings, encoded
 * words, text and sanitised HTML, inline images (kept as `cid:` links with their part),
 * attachments, and PGP/MIME (the encrypted data kept as an attachment, see pgpMime). Throws MalformedMail, with a reason meant for an admin, for
 * what is not a mail or has no usable sender.
 *
 * @example
 * const mail = await parseInbound(rawBuffer);
 */
export async function parseInbound(raw: Buffer): Promise<InboundMail> {
  if (raw.length === 0) throw new MalformedMail('the message is empty');
  const headers = readHeaders(raw);
  checkStructure(raw, headers);
  let parsed: ParsedMail;
  try {
    // Loaded on first use: every CLI command and the API's start would otherwise pay for it.
    const { simpleParser } = await import('mailparser');
    // Unlabelled and mislabelled charsets put right first; should that fail, mailparser reads the mail as it came.
    parsed = await simpleParser(await relabelCharsets(raw).catch(() => raw), { keepCidLinks: true, keepDeliveryStatus: true, skipImageLinks: true, skipTextToHtml: true });
  } catch (err) {
    throw new MalformedMail(`the MIME structure could not be decoded: ${(err as Error).message}`);
  }
  const sender = parsed.from?.value.find((a) => a.address && ADDRESS.test(a.address)) ?? parsed.replyTo?.value.find((a) => a.address && ADDRESS.test(a.address));
  if (!sender?.address) throw new MalformedMail(`no usable sender address (From: ${JSON.stringify((headers.get('from')?.[0] ?? '').slice(0, 200))})`);
  const hasMessageId = Boolean(parsed.messageId && bareId(parsed.messageId));
  const messageId = hasMessageId ? bareId(parsed.messageId!) : `sha256-${createHash('sha256').update(raw).digest('hex')}@atum.invalid`;
  const { text: fullText, parts } = pgpMime(parsed.text ?? '', parsed.attachments.map(attachmentPart));
  const text = fullText.slice(0, MAX_BODY_CHARS);
  const body = parsed.html ? messageBody({ body_html: parsed.html, ...(text ? { body: text } : {}) }) : messageBody({ body: text });
  const contentType = headers.get('content-type')?.[0] ?? '';
  return {
    messageId,
    hasMessageId,
    from: { address: sender.address.toLowerCase(), name: (sender.name ?? '').slice(0, 200) },
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 500),
    threadIds: [...new Set([...idList(parsed.inReplyTo), ...idList(parsed.references).reverse()])],
    body: { text: body.text.slice(0, MAX_BODY_CHARS), html: body.html },
    parts,
    headers,
    isDeliveryReport:
      (/multipart\/report/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType)) ||
      parts.some((p) => p.contentType === 'message/delivery-status' || p.contentType === 'message/global-delivery-status'),
  };
}
