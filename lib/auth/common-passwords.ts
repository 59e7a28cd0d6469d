import { readFileSync } from 'node:fs';

let list: Set<string> | undefined;

// Read on first use, not at import, so modules that never check a password do not pay for it.
function load(): Set<string> {
  const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
  return new Set(text.split(/\r?\n/).filter((line) => line !== '' && !line.startsWith('#')));
}

/**
 * Whether the password is on the shipped list of most common leaked passwords
 * (lib/auth/common-passwords.txt, built by scripts/build-common-passwords.ts).
 * Case and surrounding spaces are ignored: 'Password1 ' is no stronger than 'password1'.
 * @example
 * isCommonPassword('Iloveyou1'); // true
 */
export function isCommonPassword(password: string): boolean {
  list ??= load();
  const lower = password.toLowerCase();
  return list.has(lower) || list.has(lower.trim());
}
