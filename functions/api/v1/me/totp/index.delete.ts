import * as v from 'valibot';
import { tooManyAttempts } from '#lib/auth/login.ts';
import { disableTotpWithCode } from '#lib/auth/totp-disable.ts';
import { HttpError } from '#lib/http/errors.ts';
import { secondFactorCode } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * DELETE /api/v1/me/totp — `{code}` (current TOTP or a recovery code) turns 2FA off. Refused
 * while the org requires 2FA; wrong codes are throttled like the sign-in code step.
 */
export default endpoint({
  auth: 'signed-in',
  body: v.object({ code: secondFactorCode }),
  async handler({ c, db, caller, body }) {
    const outcome = await disableTotpWithCode(c.var.deps, db, caller, body.code, c.var.clientIp);
    if (outcome.kind === 'required_by_org') throw new HttpError(409, 'mfa_required_by_org', t('error.mfa_required_by_org'));
    if (outcome.kind === 'throttled') throw tooManyAttempts(outcome.retryAfterSeconds);
    if (outcome.kind === 'invalid_code') throw new HttpError(400, 'code_mismatch', t('error.code_wrong_or_used'));
    return c.body(null, 204);
  },
});
