import { describe, it, expect } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from '#lib/auth/recovery-codes.ts';

const SHAPE = /^[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}-[a-km-np-z2-9]{2}$/;

describe('generateRecoveryCodes', () => {
  it('makes 10 distinct codes shaped xxxx-xxxx-xx by default', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(SHAPE);
  });

  it('honours count and never uses ambiguous characters', () => {
    const codes = generateRecoveryCodes(500);
    expect(codes).toHaveLength(500);
    expect(new Set(codes).size).toBe(500);
    const used = new Set(codes.join('').replaceAll('-', ''));
    for (const c of '01ilo') expect(used.has(c)).toBe(false);
    // 5,000 draws from 31 symbols: every symbol shows up unless the generator is skewed.
    expect(used.size).toBe(31);
  });
});

describe('normalizeRecoveryCode', () => {
  it('lowercases and drops spaces and dashes', () => {
    expect(normalizeRecoveryCode(' K7M2-Q9XP 4t ')).toBe('k7m2q9xp4t');
    expect(normalizeRecoveryCode('k7m2q9xp4t')).toBe('k7m2q9xp4t');
  });
});

describe('hashRecoveryCode', () => {
  const pepper = new Uint8Array(32).fill(7);

  it('is HMAC-SHA256 of the normalized code, whatever the formatting', () => {
    const hash = hashRecoveryCode('k7m2-q9xp-4t', pepper);
    expect(hash).toHaveLength(32);
    expect(hashRecoveryCode('K7M2 Q9XP 4T', pepper).equals(hash)).toBe(true);
    expect(hash.toString('hex')).toBe(
      // node -e "console.log(require('crypto').createHmac('sha256',Buffer.alloc(32,7)).update('k7m2q9xp4t').digest('hex'))"
      '6e24330c98b577b0fea10ecd920aee523b371d1e1edcb018c5666765e09556a4',
    );
  });

  it('depends on the code and on the pepper', () => {
    const hash = hashRecoveryCode('k7m2-q9xp-4t', pepper);
    expect(hashRecoveryCode('k7m2-q9xp-4u', pepper).equals(hash)).toBe(false);
    expect(hashRecoveryCode('k7m2-q9xp-4t', new Uint8Array(32).fill(8)).equals(hash)).toBe(false);
  });
});
