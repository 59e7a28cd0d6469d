import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.ts';

/** OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane. The library's defaults are weaker. */
const ARGON2_PARAMS = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/**
 * Why a new password is refused, or null when it is acceptable. No composition rules, but a
 * blocklist of common leaked passwords (NIST 800-63B).
 * @example
 * passwordProblem('password1'); // 'is too common: ...'
 */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (isCommonPassword(password)) return 'is too common: it appears in lists of leaked passwords; choose another';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

// @node-rs/argon2 writes the parameters as m=,t=,p= in that order, so a prefix compare is an exact parse.
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`;

/**
 * Whether a stored hash was made with other parameters than ARGON2_PARAMS (or another
 * algorithm), so it should be replaced while the plaintext is at hand after a good login.
 * @example
 * if (await verifyPassword(stored, pw) && needsRehash(stored)) await save(await hashPassword(pw));
 */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(CURRENT_PREFIX);
}
