import * as v from 'valibot';
import { audit } from '../../../../../lib/audit.ts';
import { disableTotp, verifySecondFactor } from '../../../../../lib/auth/second-factor.ts';
import { HttpError } from '../../../../../lib/http/errors.ts';
import { secondFactorCode } from '../../../../../lib/http/schemas.ts';
import { endpoint } from '../../../../../lib/router/endpoint.ts';

/**
 * DELETE /api/v1/me/totp — `{code}` (current TOTP or a recovery code) turns 2FA off. Refused
 * while the org requires 2FA.
 */
export default endpoint({
  auth: 'signed-in',
  body: v.object({ code: secondFactorCode }),
  async handler({ c, db, caller, body }) {
    const [org] = await db<{ require_2fa: boolean }[]>`select require_2fa from organizations where id = ${caller.orgId}`;
    if (org?.require_2fa) throw new HttpError(409, 'mfa_required_by_org', 'Your organization requires two-factor authentication, so it cannot be turned off');
    if (!(await verifySecondFactor(db, c.var.deps.tokenKeys, caller.userId, body.code))) {
      throw new HttpError(400, 'invalid_code', 'That code is not right, or has been used already');
    }
    await disableTotp(db, caller.userId);
    await audit(db, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, { action: 'mfa.disable', targetType: 'user', targetId: caller.userId });
    return c.body(null, 204);
  },
});
