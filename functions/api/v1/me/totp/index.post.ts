import { startTotpEnrolment } from '#lib/auth/second-factor.ts';
import { HttpError } from '#lib/http/errors.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /api/v1/me/totp — starts 2FA enrolment: the secret, its `otpauth://` URI and a QR code
 * (SVG). Nothing changes at sign-in until POST /api/v1/me/totp/confirm accepts a code.
 */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  async handler({ c, db, caller }) {
    const enrolment = await startTotpEnrolment(db, c.var.deps.tokenKeys, caller.userId);
    if (!enrolment) throw new HttpError(409, 'mfa_already_enabled', t('error.mfa_already_enabled'));
    return c.json(enrolment, 201);
  },
});
