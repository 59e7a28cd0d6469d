import * as v from 'valibot';
import { audit } from '#lib/audit/record.ts';
import { confirmTotpEnrolment } from '#lib/auth/second-factor.ts';
import { HttpError } from '#lib/http/errors.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/** POST /api/v1/me/totp/confirm — `{code}` from the authenticator turns 2FA on; answers the ten recovery codes, once. */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  body: v.object({ code: v.pipe(v.string(), v.maxLength(16)) }),
  async handler({ c, db, caller, body }) {
    const recoveryCodes = await confirmTotpEnrolment(db, c.var.deps.tokenKeys, caller.userId, body.code);
    if (!recoveryCodes) throw new HttpError(400, 'code_mismatch', t('error.code_mismatch'));
    await audit(db, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, { action: 'mfa.enable', targetType: 'user', targetId: caller.userId });
    return { enabled: true, recovery_codes: recoveryCodes };
  },
});
