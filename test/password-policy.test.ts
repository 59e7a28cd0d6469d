import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { hashPassword, needsRehash, passwordProblem, PASSWORD_MAX, PASSWORD_MIN } from '#lib/auth/password.ts';
import { isCommonPassword } from '#lib/auth/common-passwords.ts';

const TOO_COMMON = 'is too common: it appears in lists of leaked passwords; choose another';

describe('passwordProblem', () => {
  it('keeps the length limits at 8 and 128', () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(PASSWORD_MAX).toBe(128);
    expect(passwordProblem('x7#kq2m')).toBe('must be at least 8 characters');
    expect(passwordProblem('x'.repeat(129))).toBe('must be at most 128 characters');
    expect(passwordProblem('xq7'.repeat(42) + 'zz')).toBeNull();
    // Length is in characters, not UTF-16 units: 8 emoji are 8 characters.
    expect(passwordProblem('🐙'.repeat(8))).toBeNull();
  });

  it.each(['password', 'iloveyou1', 'password1', 'qwertyuiop', '1qaz2wsx', 'trustno1', 'sunshine'])('refuses the common password %j', (pw) => {
    expect(passwordProblem(pw)).toBe(TOO_COMMON);
  });

  it('compares case-insensitively and ignores surrounding spaces', () => {
    expect(passwordProblem('PassWord1')).toBe(TOO_COMMON);
    expect(passwordProblem('  iloveyou1 ')).toBe(TOO_COMMON);
  });

  it('accepts passphrases that are not on the list', () => {
    expect(passwordProblem('violet tractor mango quill 47')).toBeNull();
    expect(passwordProblem(randomBytes(12).toString('base64url'))).toBeNull();
    expect(passwordProblem('password and then some')).toBeNull();
  });
});

describe('common-passwords.txt', () => {
  const lines = readFileSync(new URL('../lib/auth/common-passwords.txt', import.meta.url), 'utf8')
    .trimEnd()
    .split('\n');
  const entries = lines.slice(1);

  it('says where it came from and holds lowercase, distinct, 8+ character entries', () => {
    expect(lines[0]).toMatch(/^# .*@zxcvbn-ts\/language-common@[\d.]+.*scripts\/build-common-passwords\.ts/);
    expect(entries.length).toBeGreaterThan(3000);
    expect(new Set(entries).size).toBe(entries.length);
    for (const entry of entries) {
      expect([...entry].length).toBeGreaterThanOrEqual(8);
      expect(entry).toBe(entry.toLowerCase());
      expect(entry.startsWith('#')).toBe(false);
    }
    expect(entries.every((e) => isCommonPassword(e))).toBe(true);
  });

  it('is read by the runtime without the @zxcvbn-ts devDependency', () => {
    const source = readFileSync(new URL('../lib/auth/common-passwords.ts', import.meta.url), 'utf8');
    expect(source).not.toContain('zxcvbn');
  });
});

describe('needsRehash', () => {
  it('is false for a hash made with the current parameters', async () => {
    expect(needsRehash(await hashPassword('violet tractor mango quill 47'))).toBe(false);
  });

  it('is true for weaker or different parameters, another algorithm, or junk', async () => {
    const weak = await hash('violet tractor mango quill 47', { algorithm: 2, memoryCost: 4096, timeCost: 2, parallelism: 1 });
    expect(weak).toMatch(/^\$argon2id\$v=19\$m=4096,t=2,p=1\$/);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo')).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=19456,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo')).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=19456,t=2,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo')).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=194560,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo')).toBe(true);
    expect(needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo')).toBe(true);
    expect(needsRehash('$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo')).toBe(true);
    expect(needsRehash('$2b$12$abcdefghijklmnopqrstuu')).toBe(true);
    expect(needsRehash('')).toBe(true);
  });
});
