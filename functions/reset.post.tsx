import * as v from 'valibot';
import { resetPassword } from '#lib/auth/password-reset.ts';
import { t } from '#lib/i18n/translate.ts';
import { HttpError } from '#lib/http/errors.ts';
import { formErrorMessage, readForm } from '#lib/http/form-body.ts';
import { isHtmx, pageRedirect } from '#lib/http/page-redirect.ts';
import { password } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { ResetPage } from '#views/reset-page.tsx';

const ResetForm = v.object({ token: v.pipe(v.string(), v.minLength(1), v.maxLength(512)), password, confirm: v.string() });

/**
 * POST /reset — sets the new password from a reset link (which signs out every session) and
 * sends the browser to sign in with a notice. A mismatch, a weak password or a dead link
 * re-renders the form with the message (400).
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c }) {
    const form = await readForm(c, ResetForm);
    const fragment = isHtmx(c);
    const token = form.values.token;
    if (!form.ok) {
      const error = formErrorMessage(form.errors, { token: t('auth.field.the_link'), password: t('auth.field.the_password'), confirm: t('auth.field.the_repeated_password') });
      return c.html(<ResetPage fragment={fragment} token={token} error={error} invalid={Object.keys(form.errors)} />, 400);
    }
    if (form.value.password !== form.value.confirm) {
      return c.html(<ResetPage fragment={fragment} token={token} error={t('auth.password_mismatch')} invalid={['password', 'confirm']} />, 400);
    }
    try {
      await resetPassword(c.var.deps, { token: form.value.token, password: form.value.password }, c.var.clientIp);
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 400) throw err;
      return c.html(<ResetPage fragment={fragment} token={token} error={err.message} invalid={err.code === 'weak_password' ? ['password'] : undefined} />, 400);
    }
    return pageRedirect(c, '/login?notice=reset');
  },
});
