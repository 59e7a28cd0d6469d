import { RESET_TOKEN_TTL_MINUTES } from '#lib/auth/password-reset.ts';
import { AuthCard } from './auth-card.tsx';
import { AuthPage, swapCard } from './auth-page.tsx';
import { Field } from './field.tsx';

/** The one answer to every reset request, so the page never says whether an account exists. */
const FORGOT_NOTICE = `If that account exists, we have sent it an email with a link to choose a new password. The link works once, for ${RESET_TOKEN_TTL_MINUTES} minutes.`;

/**
 * "Forgot your password?": organization and email. After a post, `sent` shows the same notice
 * whatever happened.
 */
export function ForgotCard(props: { org?: string | undefined; email?: string | undefined; error?: string | undefined; sent?: boolean; invalid?: readonly string[] | undefined }) {
  const invalid = new Set(props.invalid ?? []);
  return (
    <AuthCard title="Reset your password" id="forgot-card" error={props.error} notice={props.sent ? FORGOT_NOTICE : undefined} footer={<a href="/login">Back to sign in</a>}>
      {props.sent ? null : (
        <form method="post" action="/forgot" {...swapCard('forgot-card', '/forgot')}>
          <p class="muted">Enter your organization and email, and we will send you a link to choose a new password.</p>
          <Field label="Organization" name="org" value={props.org} autocomplete="organization" autocapitalize="none" spellcheck={false} required autofocus invalid={invalid.has('org')} />
          <Field label="Email" name="email" type="email" value={props.email} autocomplete="email" required invalid={invalid.has('email')} />
          <button type="submit" class="block">
            Send reset link
          </button>
        </form>
      )}
    </AuthCard>
  );
}

export function ForgotPage(props: Parameters<typeof ForgotCard>[0] & { fragment: boolean }) {
  return (
    <AuthPage title="Reset your password" fragment={props.fragment}>
      <ForgotCard {...props} />
    </AuthPage>
  );
}
