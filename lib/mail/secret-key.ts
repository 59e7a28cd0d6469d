import { hkdfSync } from 'node:crypto';
import type { Config } from '#lib/config.ts';
import { openSecret, sealSecret } from '#lib/auth/secret-box.ts';

const INFO = 'atum-desk mail-secret v1';

/**
 * The 32-byte AES-256-GCM key that seals mailbox passwords (IMAP and SMTP), by HKDF-SHA256 from
 * MAIL_SECRET_KEY when set, else from APP_SECRET. The info string differs from secret-box's
 * own, so this key is independent of the one sealing TOTP secrets even from the same secret.
 * Set MAIL_SECRET_KEY to rotate APP_SECRET (signing keys) without re-entering every mailbox
 * password; changing the key that is in use makes stored passwords unreadable.
 *
 * @example
 * const key = mailSecretKey(config, target.appSecret);
 */
export function mailSecretKey(config: Pick<Config, 'mailSecretKey'>, appSecret: string): Uint8Array {
  const source = config.mailSecretKey ?? appSecret;
  if (source.length < 32) throw new Error('mail secret key: MAIL_SECRET_KEY or APP_SECRET must be at least 32 characters');
  return new Uint8Array(hkdfSync('sha256', source, '', INFO, 32));
}

/** A mailbox password as stored: `v1.` + base64url(iv ‖ ciphertext ‖ tag). */
export const sealMailSecret = (key: Uint8Array, plaintext: string): string => sealSecret(key, plaintext);

/** The password back; throws when the key changed since it was sealed. */
export const openMailSecret = (key: Uint8Array, sealed: string): string => openSecret(key, sealed);
