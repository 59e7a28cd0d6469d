import { startTotpEnrolment } from '#lib/auth/second-factor.ts';
import { t } from '#lib/i18n/translate.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { TotpEnrolment } from '#views/totp-enrolment.tsx';

/**
 * POST /app/account/security/totp — starts (or restarts) 2FA enrolment and answers the setup
 * fragment for `#totp-setup`: QR code, secret, confirm form. Nothing changes at sign-in until
 * a code is confirmed.
 */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  async handler({ c, db, caller }) {
    const enrolment = await startTotpEnrolment(db, c.var.deps.tokenKeys, caller.userId);
    if (!enrolment) {
      return c.html(
        <p class="error" role="alert">
          {t('account.totp.already_on')}
        </p>,
        409,
      );
    }
    return c.html(<TotpEnrolment qrSvg={enrolment.qr_svg} secret={enrolment.secret} />);
  },
});
