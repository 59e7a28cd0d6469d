import * as v from 'valibot';
import { secondFactorCode } from '#lib/http/schemas.ts';

/**
 * The sign-in page's 2FA step as posted: the MFA token from the password step, a TOTP or
 * recovery code, and `next`, where to go once signed in (completeMfaLogin takes the first two).
 */
export const MfaStepForm = v.object({
  mfa_token: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
  code: secondFactorCode,
  next: v.optional(v.string()),
});
