import { describe, it, expect } from 'vitest';
import { Secret, URI, TOTP } from 'otpauth';
import { generateTotpSecret, totpCode, totpUri, verifyTotp } from '#lib/auth/totp.ts';

// RFC 6238 appendix B: the SHA1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;
const STEP_MS = 30_000;

describe('RFC 6238 test vectors (SHA1, last 6 of the 8 published digits)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at T=%is the code is %s', (seconds, code) => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code);
    expect(verifyTotp(RFC_SECRET, code, seconds * 1000)).toBe(Math.floor(seconds / 30));
  });
});

describe('verifyTotp', () => {
  // Fixed inputs, so the neighbouring-step and wrong-code cases cannot collide by chance.
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const step = 56_789_012;
  const code = totpCode(secret, step * STEP_MS + 12_345);

  it('returns the step of the matching code, also from late in the same step', () => {
    expect(verifyTotp(secret, code, step * STEP_MS)).toBe(step);
    expect(verifyTotp(secret, code, step * STEP_MS + STEP_MS - 1)).toBe(step);
  });

  it("accepts one step of drift either way and returns the code's step, not the current one", () => {
    expect(verifyTotp(secret, code, (step + 1) * STEP_MS + 5_000)).toBe(step);
    expect(verifyTotp(secret, code, (step - 1) * STEP_MS + 5_000)).toBe(step);
  });

  it('refuses two steps of drift', () => {
    expect(verifyTotp(secret, code, (step + 2) * STEP_MS)).toBeNull();
    expect(verifyTotp(secret, code, (step - 2) * STEP_MS + STEP_MS - 1)).toBeNull();
  });

  it('ignores spaces in the code', () => {
    expect(verifyTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, step * STEP_MS)).toBe(step);
  });

  it('refuses a wrong code', () => {
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect([step - 1, step, step + 1].map((s) => totpCode(secret, s * STEP_MS))).not.toContain(wrong);
    expect(verifyTotp(secret, wrong, step * STEP_MS)).toBeNull();
    expect(verifyTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, step * STEP_MS)).toBeNull();
  });

  it.each(['', '12345', '1234567', 'abcdef', `${code.slice(0, 5)}a`, '１２３４５６', '-12345', '+12345', '12.345', '1e5000', `${code}\u0000`])('returns null for %j without throwing', (garbage) => {
    expect(verifyTotp(secret, garbage, step * STEP_MS)).toBeNull();
  });
});

describe('generateTotpSecret', () => {
  it('is 32 base32 characters holding 20 bytes, different each time', () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(a).bytes.length).toBe(20);
    expect(generateTotpSecret()).not.toBe(a);
  });
});

describe('totpUri', () => {
  it('encodes issuer and account and round-trips through a URI parser', () => {
    const secret = generateTotpSecret();
    const uri = totpUri({ secret, account: 'ana+mfa@example.com', issuer: 'ATUM DESK & Co?' });
    expect(uri.startsWith('otpauth://totp/ATUM%20DESK%20%26%20Co%3F:ana%2Bmfa%40example.com?issuer=ATUM%20DESK%20%26%20Co%3F&')).toBe(true);
    expect(uri).toContain(`secret=${secret}`);
    const parsed = URI.parse(uri);
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed.issuer).toBe('ATUM DESK & Co?');
    expect(parsed.label).toBe('ana+mfa@example.com');
    expect(parsed.secret.base32).toBe(secret);
    expect(parsed).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30 });
  });
});
