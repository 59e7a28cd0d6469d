import { createHash } from 'node:crypto';

// An mbox separator: `From sender date`, no colon; mail exported from a Unix mailbox keeps it.
const MBOX_SEPARATOR = /^From [^\r\n]*\r?\n/;
// The fields the author wrote. Everything else (Received, Return-Path, Delivered-To,
// X-Original-To, ARC/Authentication-Results, spam scores, mbox Status …) is added on the way and
// differs between two deliveries of one mail.
const AUTHORED = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'mime-version', 'content-type', 'content-transfer-encoding']);

/**
 * The message without an mbox `From ` separator line in front of its first header field;
 * anything else is returned as it is.
 *
 * @example
 * withoutMboxSeparator(Buffer.from('From a@b.test Tue Dec  1 04:00:00 2026\nFrom: a@b.test\n…')); // 'From: a@b.test\n…'
 */
export function withoutMboxSeparator(raw: Buffer): Buffer {
  const m = MBOX_SEPARATOR.exec(raw.subarray(0, 1024).toString('latin1'));
  return m ? raw.subarray(m[0].length) : raw;
}

/**
 * SHA-256 of what the author sent: the authored header fields (names lower-cased, folding and
 * runs of white space collapsed, in order) and the body with line ends and trailing white
 * space normalised. Two deliveries of one mail (another route, IMAP vs. an MTA pipe, CRLF vs.
 * LF) give the same digest; two different mails under one Message-ID do not.
 *
 * @example
 * contentDigest(raw).length; // 32
 */
export function contentDigest(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const body = end ? text.slice(end.index + end[0].length) : '';
  const fields: string[] = [];
  for (const field of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const name = field.slice(0, colon).trim().toLowerCase();
    if (AUTHORED.has(name))
      fields.push(
        `${name}:${field
          .slice(colon + 1)
          .replace(/\s+/g, ' ')
          .trim()}`,
      );
  }
  // split and trimEnd, not a regex: linear however long a run of blanks is.
  const lines = body
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
  return createHash('sha256').update(fields.join('\n'), 'latin1').update('\n\n').update(lines, 'latin1').digest();
}
