import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'atum-desk secret-box v1';
const PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The 32-byte AES key for sealing secrets, derived from APP_SECRET with HKDF-SHA256 so that it
 * is independent of every other key taken from the same secret.
 * @example
 * const boxKey = secretBoxKey(process.env.APP_SECRET!);
 */
export function secretBoxKey(appSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', appSecret, '', INFO, 32));
}

function checkKey(key: Uint8Array): void {
  if (key.length !== 32) throw new Error(`secret-box key must be 32 bytes, got ${key.length}`);
}

/**
 * AES-256-GCM: `v1.` + base64url(iv ‖ ciphertext ‖ tag). The version prefix lets a later
 * format or key be introduced without guessing what an old value is.
 * A fresh random IV per call; 96-bit random IVs are safe for far more seals than we will ever do.
 * @example
 * const sealed = sealSecret(keys.boxKey, totpSecret); // 'v1.q3…'
 */
export function sealSecret(key: Uint8Array, plaintext: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * The plaintext of a value from `sealSecret`. Throws if the format is wrong, or if the key is
 * not the one it was sealed with or the value was altered (GCM cannot tell these two apart).
 * @example
 * const totpSecret = openSecret(keys.boxKey, row.secret_sealed);
 */
export function openSecret(key: Uint8Array, sealed: string): string {
  checkKey(key);
  if (!sealed.startsWith(PREFIX)) throw new Error('sealed secret has an unknown format (expected a "v1." prefix)');
  const encoded = sealed.slice(PREFIX.length);
  // Buffer.from(…, 'base64url') skips characters it does not know, so check first.
  if (!BASE64URL.test(encoded)) throw new Error('sealed secret is not valid base64url');
  const raw = Buffer.from(encoded, 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret is too short');
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('sealed secret could not be opened: wrong key or tampered data');
  }
}
