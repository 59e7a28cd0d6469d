import { describe, it, expect } from 'vitest';
import { openSecret, sealSecret, secretBoxKey } from '#lib/auth/secret-box.ts';

const key = secretBoxKey('test app secret, long enough to be realistic');

/** Flips one bit of the decoded payload at `index` and re-encodes it. */
function flip(sealed: string, index: number): string {
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  raw[index] = (raw[index] ?? 0) ^ 1;
  return `v1.${raw.toString('base64url')}`;
}

describe('secretBoxKey', () => {
  it('derives 32 bytes, stable per secret and different across secrets', () => {
    expect(key).toHaveLength(32);
    expect(secretBoxKey('test app secret, long enough to be realistic')).toEqual(key);
    expect(secretBoxKey('another secret')).not.toEqual(key);
  });
});

describe('sealSecret / openSecret', () => {
  it('round-trips, with the v1 prefix, a fresh IV each time and nothing readable', () => {
    const plaintext = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const a = sealSecret(key, plaintext);
    const b = sealSecret(key, plaintext);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(plaintext);
    expect(Buffer.from(a.slice(3), 'base64url')).toHaveLength(12 + plaintext.length + 16);
    expect(openSecret(key, a)).toBe(plaintext);
    expect(openSecret(key, b)).toBe(plaintext);
    expect(openSecret(key, sealSecret(key, ''))).toBe('');
    expect(openSecret(key, sealSecret(key, 'ünïcødé ✓'))).toBe('ünïcødé ✓');
  });

  it('throws when any part (IV, ciphertext, tag) is altered', () => {
    const sealed = sealSecret(key, 'secret');
    const length = Buffer.from(sealed.slice(3), 'base64url').length;
    for (const index of [0, 11, 12, length - 17, length - 1]) {
      expect(() => openSecret(key, flip(sealed, index))).toThrow(/wrong key or tampered/);
    }
  });

  it('throws with the wrong key', () => {
    const sealed = sealSecret(key, 'secret');
    expect(() => openSecret(secretBoxKey('another secret'), sealed)).toThrow(/wrong key or tampered/);
  });

  it('throws a clear error on a malformed value', () => {
    const sealed = sealSecret(key, 'secret');
    expect(() => openSecret(key, sealed.slice(3))).toThrow(/unknown format/);
    expect(() => openSecret(key, `v2.${sealed.slice(3)}`)).toThrow(/unknown format/);
    expect(() => openSecret(key, `${sealed}!`)).toThrow(/base64url/);
    expect(() => openSecret(key, 'v1.')).toThrow(/base64url/);
    expect(() => openSecret(key, 'v1.AAAA')).toThrow(/too short/);
    expect(() => openSecret(key, sealed.slice(0, -4))).toThrow(/wrong key or tampered/);
  });

  it('refuses a key of the wrong size', () => {
    expect(() => sealSecret(new Uint8Array(16), 'x')).toThrow(/32 bytes/);
    expect(() => openSecret(new Uint8Array(16), sealSecret(key, 'x'))).toThrow(/32 bytes/);
  });
});
