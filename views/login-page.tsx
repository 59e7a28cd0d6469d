import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import { AuthCard } from './auth-card.tsx';
import { AuthPage, swapCard } from './auth-page.tsx';
import { Field } from './field.tsx';

export type LoginNotice = 'reset' | 'joined';

/** Messages the sign-in page can show after another page sent the visitor here (keys, read per render). */
export const LOGIN_NOTICES: Readonly<Record<LoginNotice, MessageKey>> = {
  reset: 'auth.login.notice_reset',
  joined: 'auth.login.notice_joined',
};

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
    <AuthCard
      title={t('auth.login.title')}
      id="login-card"
      error={props.error}
      notice={props.notice ? t(LOGIN_NOTICES[props.notice]) : undefined}
      footer={<a href="/forgot">{t('auth.login.forgot_link')}</a>}
    >
      <form method="post" action="/login" {...swapCard('login-card', '/login')}>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field
          label={t('auth.field.org')}
          name="org"
          value={props.org}
          autocomplete="organization"
          autocapitalize="none"
          spellcheck={false}
          required
          autofocus={!props.org}
          invalid={invalid.has('org')}
        />
        <Field label={t('auth.field.email')} name="email" type="email" value={props.email} autocomplete="username" required autofocus={!!props.org && !props.email} invalid={invalid.has('email')} />
        <Field label={t('auth.field.password')} name="password" type="password" autocomplete="current-password" required autofocus={!!props.org && !!props.email} invalid={invalid.has('password')} />
        <button type="submit" class="block">
          {t('auth.login.submit')}
        </button>
      </form>
    </AuthCard>
  );
}

/** GET /login, and the answer to a failed sign-in. */
export function LoginPage(props: LoginFormProps & { fragment?: boolean | undefined }) {
  return (
    <AuthPage title={t('auth.login.page_title')} fragment={props.fragment ?? false}>
      <LoginCard {...props} />
    </AuthPage>
  );
}
