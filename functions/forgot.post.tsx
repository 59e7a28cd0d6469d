import * as v from 'valibot';
import { requestPasswordReset } from '#lib/auth/password-reset.ts';
import { t } from '#lib/i18n/translate.ts';
import { HttpError } from '#lib/http/errors.ts';
import { formErrorMessage, readForm } from '#lib/http/form-body.ts';
import { isHtmx } from '#lib/http/page-redirect.ts';
import { email, orgSlug } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { ForgotPage } from '#views/forgot-page.tsx';

const ForgotForm = v.object({ org: orgSlug, email });

/**
 * POST /forgot — queues a reset link when the email belongs to a member of the org, and
 * answers with the same notice either way, so the page reveals no account. Only malformed
 * input (400), the throttle (429 with Retry-After) and a Redis outage (503 with Retry-After:
 * the throttle refuses without its store) answer otherwise.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c }) {
    const form = await readForm(c, ForgotForm);
    const fragment = isHtmx(c);
    const { org, email: typed } = form.values;
    if (!form.ok) {
      const error = formErrorMessage(form.errors, { org: t('auth.field.org'), email: t('auth.field.email') });
      return c.html(<ForgotPage fragment={fragment} org={org} email={typed} error={error} invalid={Object.keys(form.errors)} />, 400);
    }
    try {
      await requestPasswordReset(c.var.deps, form.value, c.var.clientIp);
    } catch (err) {
      if (!(err instanceof HttpError) || (err.status !== 429 && err.status !== 503)) throw err;
      return c.html(<ForgotPage fragment={fragment} org={org} email={typed} error={err.message} />, err.status, err.headers);
    }
    return c.html(<ForgotPage fragment={fragment} sent />);
  },
});
