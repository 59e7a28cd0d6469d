import { acceptInvitation } from '#lib/invitations/accept.ts';
import { InviteForm } from '#lib/invitations/invite-form.ts';
import { t } from '#lib/i18n/translate.ts';
import { HttpError } from '#lib/http/errors.ts';
import { formErrorMessage, readForm } from '#lib/http/form-body.ts';
import { isHtmx, pageRedirect } from '#lib/http/page-redirect.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { InvitePage } from '#views/invite-page.tsx';

/**
 * POST /invite — accepts an invitation. The first post carries no password: someone with an
 * account joins at once, someone new is shown the password fields (the service answers
 * `password_required`) and posts again with them. Success goes to sign in, org pre-filled.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c }) {
    const form = await readForm(c, InviteForm);
    const fragment = isHtmx(c);
    const { token, name } = form.values;
    const needsPassword = form.values.password !== undefined;
    const again = (error: string | undefined, status: 200 | 400, invalid?: string[], asNew = needsPassword) =>
      c.html(<InvitePage fragment={fragment} token={token} name={name} needsPassword={asNew} error={error} invalid={invalid} />, status);
    if (!form.ok) {
      const labels = { token: t('auth.field.the_link'), name: t('auth.invite.name_label'), password: t('auth.field.the_password'), confirm: t('auth.field.the_repeated_password') };
      return again(formErrorMessage(form.errors, labels), 400, Object.keys(form.errors));
    }
    if (needsPassword && form.value.password !== form.value.confirm) return again(t('auth.password_mismatch'), 400, ['password', 'confirm']);
    let orgSlug: string;
    try {
      const accepted = await acceptInvitation(c.var.deps, { token: form.value.token, name: form.value.name || undefined, password: form.value.password }, c.var.clientIp);
      orgSlug = accepted.orgSlug;
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 400) throw err;
      // Not an error to the person: the invited email has no account yet, so it needs a password.
      if (err.code === 'password_required') return again(undefined, 200, undefined, true);
      return again(err.message, 400, err.code === 'weak_password' ? ['password'] : undefined);
    }
    return pageRedirect(c, `/login?notice=joined&org=${encodeURIComponent(orgSlug)}`);
  },
});
