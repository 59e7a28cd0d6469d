import { Secret, TOTP } from 'otpauth';

// SHA1, 6 digits, 30 s: the only combination every authenticator app honours; several ignore
// the algorithm/digits/period parameters in the URI and would show wrong codes.
const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD = 30;
/** Steps accepted either side of now: covers clock drift and a code typed as it rolls over. */
const WINDOW = 1;
const CODE = /^\d{6}$/;

/**
 * A new base32 secret of 20 random bytes (160 bits, the HMAC-SHA1 block-size advice of RFC 4226).
 * @example
 * const secret = generateTotpSecret(); // 'JBSWY3DPEHPK3PXP...' (32 chars)
 */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The `otpauth://totp/...` key URI that authenticator apps import (usually from a QR code).
 * Issuer and account are percent-encoded, and the issuer is repeated as a parameter because
 * some apps read only one of the two.
 * @example
 * totpUri({ secret, account: 'ana@example.com', issuer: 'ATUM DESK' });
 * // 'otpauth://totp/ATUM%20DESK:ana%40example.com?issuer=ATUM%20DESK&secret=...&algorithm=SHA1&digits=6&period=30'
 */
export function totpUri(opts: { secret: string; account: string; issuer: string }): string {
  return new TOTP({
    issuer: opts.issuer,
    label: opts.account,
    secret: Secret.fromBase32(opts.secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD,
  }).toString();
}

/**
 * The time step (floor(unixSeconds / 30)) whose code matches, within ±1 step of `nowMs`, or null.
 * Returns the step rather than true so the caller can refuse a step it has already accepted:
 * a code is otherwise valid for up to 90 s and could be replayed.
 * Never throws on the code (spaces are ignored; anything but 6 ASCII digits is null);
 * a secret that is not base32 does throw, since that is stored data gone bad, not user input.
 * @example
 * const step = verifyTotp(secret, '287 082');
 * if (step === null || step <= lastUsedStep) refuse();
 */
export function verifyTotp(secret: string, code: string, nowMs: number = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!CODE.test(token)) return null;
  // otpauth returns the offset from the current step, not the step itself.
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD,
    timestamp: nowMs,
    window: WINDOW,
  });
  return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp: nowMs }) + delta;
}

/**
 * The code an authenticator app would show at `nowMs`.
 * @example
 * await page.fill('#code', totpCode(secret));
 */
export function totpCode(secret: string, nowMs: number = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD, timestamp: nowMs });
}
