import * as v from 'valibot';
import { tooManyAttempts } from '#lib/auth/login.ts';
import { disableTotpWithCode } from '#lib/auth/totp-disable.ts';
import { t } from '#lib/i18n/translate.ts';
import { readForm } from '#lib/http/form-body.ts';
import { secondFactorCode } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { TotpSection } from '#views/totp-section.tsx';

const DisableForm = v.object({ code: secondFactorCode });

/**
 * POST /app/account/security/totp/disable — a current code (TOTP or recovery) turns 2FA off,
 * unless the org requires it (409). Wrong codes count against the same per-user throttle as the
 * 2FA sign-in step (429 with Retry-After). Answers the 2FA section for `#totp-section`.
 */
export default endpoint({
  auth: 'signed-in',
  async handler({ c, db, caller }) {
    const form = await readForm(c, DisableForm);
    if (!form.ok) return c.html(<TotpSection enabled required={false} error={t('account.totp.disable_code_missing')} />, 400);
    const outcome = await disableTotpWithCode(c.var.deps, db, caller, form.value.code, c.var.clientIp);
    switch (outcome.kind) {
      case 'required_by_org':
        return c.html(<TotpSection enabled required error={t('account.totp.cannot_turn_off')} />, 409);
      case 'throttled': {
        const refused = tooManyAttempts(outcome.retryAfterSeconds);
        return c.html(<TotpSection enabled required={false} error={refused.message} />, 429, refused.headers);
      }
      case 'invalid_code':
        return c.html(<TotpSection enabled required={false} error={t('account.totp.disable_code_wrong')} />, 400);
      case 'disabled':
        return c.html(<TotpSection enabled={false} required={false} notice={t('account.totp.now_off')} />);
    }
  },
});
