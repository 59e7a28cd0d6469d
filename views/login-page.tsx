import { AuthCard } from './auth-card.tsx';
import { AuthPage, swapCard } from './auth-page.tsx';
import { Field } from './field.tsx';

/** Messages the sign-in page can show after another page sent the visitor here. */
export const LOGIN_NOTICES = {
  reset: 'Your password has been changed, and every session signed out. Sign in with the new password.',
  joined: 'You have joined the organization. Sign in to continue.',
} as const;
export type LoginNotice = keyof typeof LOGIN_NOTICES;

export interface LoginFormProps {
  next?: string | undefined;
  org?: string | undefined;
  email?: string | undefined;
  error?: string | undefined;
  notice?: LoginNotice | undefined;
  /** Fields to mark aria-invalid. */
  invalid?: readonly string[] | undefined;
}

/**
 * The sign-in card: organization, email and password (never echoed back). Posted by htmx,
 * which swaps in the answer (this card with an error, or the 2FA step); a plain form post
 * works too without JavaScript.
 */
function LoginCard(props: LoginFormProps) {
  const invalid = new Set(props.invalid ?? []);
  return (
    <AuthCard title="Sign in to ATUM DESK" id="login-card" error={props.error} notice={props.notice ? LOGIN_NOTICES[props.notice] : undefined} footer={<a href="/forgot">Forgot your password?</a>}>
      <form method="post" action="/login" {...swapCard('login-card', '/login')}>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field label="Organization" name="org" value={props.org} autocomplete="organization" autocapitalize="none" spellcheck={false} required autofocus={!props.org} invalid={invalid.has('org')} />
        <Field label="Email" name="email" type="email" value={props.email} autocomplete="username" required autofocus={!!props.org && !props.email} invalid={invalid.has('email')} />
        <Field label="Password" name="password" type="password" autocomplete="current-password" required autofocus={!!props.org && !!props.email} invalid={invalid.has('password')} />
        <button type="submit" class="block">
          Sign in
        </button>
      </form>
    </AuthCard>
  );
}

/** GET /login, and the answer to a failed sign-in. */
export function LoginPage(props: LoginFormProps & { fragment?: boolean | undefined }) {
  return (
    <AuthPage title="Sign in" fragment={props.fragment ?? false}>
      <LoginCard {...props} />
    </AuthPage>
  );
}
