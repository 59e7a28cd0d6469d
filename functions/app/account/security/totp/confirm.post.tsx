import * as v from 'valibot';
import { audit } from '#lib/audit/record.ts';
import { confirmTotpEnrolment } from '#lib/auth/second-factor.ts';
import { orgRequires2fa } from '#lib/auth/totp-state.ts';
import { t } from '#lib/i18n/translate.ts';
import { readForm } from '#lib/http/form-body.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { TotpConfirmForm } from '#views/totp-enrolment.tsx';
import { TotpSection } from '#views/totp-section.tsx';

const enterCode = () => t('validation.totp.code');
const ConfirmForm = v.object({ code: v.pipe(v.string(), v.minLength(1, enterCode), v.maxLength(16, enterCode)) });

/**
 * POST /app/account/security/totp/confirm — a first code from the app turns 2FA on. The answer
 * replaces the whole 2FA section (HX-Retarget) with its "on" state and the ten recovery codes,
 * shown once; a wrong code re-renders just the confirm form (400).
 */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  async handler({ c, db, caller }) {
    const form = await readForm(c, ConfirmForm);
    if (!form.ok) return c.html(<TotpConfirmForm error={form.errors.code ?? t('account.totp.enter_six_digits')} />, 400);
    const recoveryCodes = await confirmTotpEnrolment(db, c.var.deps.tokenKeys, caller.userId, form.value.code);
    if (!recoveryCodes) {
      return c.html(<TotpConfirmForm error={t('account.totp.code_mismatch')} />, 400);
    }
    await audit(db, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, { action: 'mfa.enable', targetType: 'user', targetId: caller.userId });
    return c.html(<TotpSection enabled required={await orgRequires2fa(db, caller.orgId)} recoveryCodes={recoveryCodes} notice={t('account.totp.now_on')} />, 200, {
      'HX-Retarget': '#totp-section',
      'HX-Reswap': 'outerHTML',
    });
  },
});
