import { createHmac, randomInt } from 'node:crypto';

/** Lowercase letters and digits without 0/o, 1/l/i, which are misread when copied from paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** 10 symbols of 31: about 49.5 bits each. */
const LENGTH = 10;

/**
 * `count` distinct single-use codes shaped `k7m2-q9xp-4t`, shown to the user once.
 * @example
 * const codes = generateRecoveryCodes(); // 10 codes
 */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let raw = '';
    for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
    codes.add(`${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`);
  }
  return [...codes];
}

/**
 * The canonical form that is hashed, so `K7M2 Q9XP 4T` and `k7m2-q9xp-4t` are the same code.
 * @example
 * normalizeRecoveryCode(' K7M2-Q9XP 4t'); // 'k7m2q9xp4t'
 */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * HMAC-SHA256(pepper, normalized code), the form stored in the database.
 * A fast keyed hash is enough here, unlike for passwords: the codes are random with ~50 bits,
 * so there is no dictionary to try, and without the pepper (derived from APP_SECRET, never
 * stored in the database) a leaked table cannot be brute-forced at all. Being unsalted and
 * deterministic, the hash can be looked up with an index instead of checked row by row.
 * @example
 * const stored = hashRecoveryCode('k7m2-q9xp-4t', keys.pepper);
 */
export function hashRecoveryCode(code: string, pepper: Uint8Array): Buffer {
  return createHmac('sha256', pepper).update(normalizeRecoveryCode(code), 'utf8').digest();
}
