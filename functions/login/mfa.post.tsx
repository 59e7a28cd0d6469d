import { cookieNames, setSessionCookies } from '#lib/auth/cookies.ts';
import { completeMfaLogin } from '#lib/auth/mfa-login.ts';
import { MfaStepForm } from '#lib/auth/mfa-step-form.ts';
import { t } from '#lib/i18n/translate.ts';
import { clientOf } from '#lib/http/client.ts';
import { HttpError } from '#lib/http/errors.ts';
import { readForm } from '#lib/http/form-body.ts';
import { isHtmx, localPath, pageRedirect } from '#lib/http/page-redirect.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { LoginPage } from '#views/login-page.tsx';
import { MfaPage } from '#views/mfa-step.tsx';

/**
 * POST /login/mfa — the 2FA step: `mfa_token` from the password step and a TOTP or recovery
 * `code`. A wrong code shows the step again (401, or 429 with Retry-After once throttled, or 503
 * with Retry-After while Redis is away); an
 * expired or spent MFA token goes back to the password form.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c }) {
    const form = await readForm(c, MfaStepForm);
    const next = localPath(form.values.next);
    const fragment = isHtmx(c);
    const mfaToken = form.values.mfa_token ?? '';
    if (!form.ok) {
      if (form.errors.mfa_token) return c.html(<LoginPage fragment={fragment} next={next} error={t('auth.mfa.expired')} />, 400);
      return c.html(<MfaPage fragment={fragment} mfaToken={mfaToken} next={next} error={t('auth.mfa.code_missing')} />, 400);
    }
    let outcome: Awaited<ReturnType<typeof completeMfaLogin>>;
    try {
      outcome = await completeMfaLogin(c.var.deps, form.value, clientOf(c));
    } catch (err) {
      if (!(err instanceof HttpError) || ![401, 429, 503].includes(err.status)) throw err;
      const status = err.status as 401 | 429 | 503;
      if (err.code === 'invalid_mfa_token') return c.html(<LoginPage fragment={fragment} next={next} error={err.message} />, status, err.headers);
      return c.html(<MfaPage fragment={fragment} mfaToken={mfaToken} next={next} error={err.message} />, status, err.headers);
    }
    setSessionCookies(c, cookieNames(c.var.deps.config.publicUrl), outcome.tokens);
    return pageRedirect(c, next ?? '/app');
  },
});
