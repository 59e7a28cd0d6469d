import type { MailPart } from './parse.ts';

// What an agent reads in place of the text of an encrypted mail. The one place for this wording
// until there is a message catalogue.
const ENCRYPTED_NOTICE = (file: string) => `This message is encrypted (PGP/MIME) and cannot be shown here. The encrypted content is attached as ${file}.`;

const ARMOR = '-----BEGIN PGP MESSAGE-----';

/**
 * PGP/MIME (RFC 3156): a `multipart/encrypted` mail holds a version part (`application/pgp-encrypted`,
 * "Version: 1") and the ASCII-armoured data, and nothing readable. The version part is dropped,
 * the data is kept as an attachment (`encrypted.asc`, typed application/pgp-encrypted) and the
 * text says that the message is encrypted. Any other mail is returned as it is.
 *
 * @example
 * const { text, parts } = pgpMime(parsed.text ?? '', parts);
 */
export function pgpMime(text: string, parts: MailPart[]): { text: string; parts: MailPart[] } {
  const version = parts.findIndex((p) => p.contentType === 'application/pgp-encrypted' && /^\s*Version:\s*1\s*$/i.test(p.content.toString('latin1')));
  if (version < 0) return { text, parts };
  const kept: MailPart[] = [];
  let file = 'encrypted.asc';
  parts.forEach((p, i) => {
    if (i === version) return;
    if (p.content.subarray(0, 200).toString('latin1').trimStart().startsWith(ARMOR)) {
      file = /\.asc$/i.test(p.filename) ? p.filename : 'encrypted.asc';
      kept.push({ ...p, filename: file, contentType: 'application/pgp-encrypted' });
    } else kept.push(p);
  });
  return { text: text.trim() ? `${ENCRYPTED_NOTICE(file)}\n\n${text}` : ENCRYPTED_NOTICE(file), parts: kept };
}
