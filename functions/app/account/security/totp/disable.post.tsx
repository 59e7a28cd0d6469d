import * as v from 'valibot';
import { audit } from '../../../../../lib/audit.ts';
import { tooManyAttempts } from '../../../../../lib/auth/login.ts';
import { disableTotp, verifySecondFactor } from '../../../../../lib/auth/second-factor.ts';
import { createThrottle, MFA_USER } from '../../../../../lib/auth/throttle.ts';
import { readForm } from '../../../../../lib/http/form-body.ts';
import { secondFactorCode } from '../../../../../lib/http/schemas.ts';
import { endpoint } from '../../../../../lib/router/endpoint.ts';
import { TotpSection } from '../../../../../views/totp-section.tsx';

const DisableForm = v.object({ code: secondFactorCode });

/**
 * POST /app/account/security/totp/disable — a current code (TOTP or recovery) turns 2FA off,
 * unless the org requires it (409). Wrong codes count against the same per-user throttle as the
 * 2FA sign-in step (429 with Retry-After). Answers the 2FA section for `#totp-section`.
 */
export default endpoint({
  auth: 'signed-in',
  async handler({ c, db, caller }) {
    const [org] = await db<{ require_2fa: boolean }[]>`select require_2fa from organizations where id = ${caller.orgId}`;
    const required = org?.require_2fa ?? false;
    if (required) {
      return c.html(<TotpSection enabled required error="Your organization requires two-factor authentication, so it cannot be turned off." />, 409);
    }
    const form = await readForm(c, DisableForm);
    if (!form.ok) return c.html(<TotpSection enabled required={false} error="Enter a code from your authenticator app, or a recovery code." />, 400);
    // The same per-user throttle as the 2FA sign-in step: a stolen session must not be a way to guess codes.
    const throttle = createThrottle(c.var.deps.kv, MFA_USER);
    const state = await throttle.check(caller.userId);
    if (!state.allowed) {
      const refused = tooManyAttempts(state.retryAfterSeconds);
      return c.html(<TotpSection enabled required={false} error={refused.message} />, 429, refused.headers);
    }
    if (!(await verifySecondFactor(db, c.var.deps.tokenKeys, caller.userId, form.value.code))) {
      await throttle.fail(caller.userId);
      return c.html(<TotpSection enabled required={false} error="That code is not right, or has been used already." />, 400);
    }
    await throttle.reset(caller.userId);
    await disableTotp(db, caller.userId);
    await audit(db, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, { action: 'mfa.disable', targetType: 'user', targetId: caller.userId });
    return c.html(<TotpSection enabled={false} required={false} notice="Two-factor authentication is off." />);
  },
});
