import * as v from 'valibot';
import { cookieNames, setSessionCookies } from '#lib/auth/cookies.ts';
import { passwordLogin } from '#lib/auth/login.ts';
import { t } from '#lib/i18n/translate.ts';
import { clientOf } from '#lib/http/client.ts';
import { HttpError } from '#lib/http/errors.ts';
import { formErrorMessage, readForm } from '#lib/http/form-body.ts';
import { isHtmx, localPath, pageRedirect } from '#lib/http/page-redirect.ts';
import { email, orgSlug, password } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { LoginPage } from '#views/login-page.tsx';
import { MfaPage } from '#views/mfa-step.tsx';

const LoginForm = v.object({ org: orgSlug, email, password, next: v.optional(v.string()) });

/**
 * POST /login — the sign-in form. Right credentials set the session cookies and send the
 * browser on (to `next`, or to 2FA setup when the org requires it and it is not on yet); an
 * account with 2FA gets the code step instead; anything else re-renders the form with the
 * message and the error's own status (401, 403, 429 with Retry-After, or 503 with Retry-After
 * while Redis, which holds the sign-in throttle, is away), org and email kept,
 * the password never.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c }) {
    const form = await readForm(c, LoginForm);
    const next = localPath(form.values.next);
    const again = (error: string, status: 400 | 401 | 403 | 429 | 503, headers?: Record<string, string>, invalid?: string[]) =>
      c.html(<LoginPage fragment={isHtmx(c)} next={next} org={form.values.org} email={form.values.email} error={error} invalid={invalid} />, status, headers);
    const labels = { org: t('auth.field.org'), email: t('auth.field.email'), password: t('auth.field.password') };
    if (!form.ok) return again(formErrorMessage(form.errors, labels), 400, undefined, Object.keys(form.errors));

    let outcome: Awaited<ReturnType<typeof passwordLogin>>;
    try {
      outcome = await passwordLogin(c.var.deps, form.value, clientOf(c));
    } catch (err) {
      if (!(err instanceof HttpError) || ![401, 403, 429, 503].includes(err.status)) throw err;
      return again(err.message, err.status as 401 | 403 | 429 | 503, err.headers, err.status === 401 ? ['password'] : undefined);
    }
    if (outcome.kind === 'mfa') return c.html(<MfaPage fragment={isHtmx(c)} mfaToken={outcome.mfaToken} next={next} />);
    setSessionCookies(c, cookieNames(c.var.deps.config.publicUrl), outcome.tokens);
    return pageRedirect(c, outcome.mfaSetupRequired ? '/app/account/security' : (next ?? '/app'));
  },
});
