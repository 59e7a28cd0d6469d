import { t } from '#lib/i18n/translate.ts';
import { AuthCard } from './auth-card.tsx';
import { AuthPage, swapCard } from './auth-page.tsx';
import { Field } from './field.tsx';

/**
 * The second step of signing in with 2FA: the code from the authenticator app (or one of the
 * recovery codes). The short-lived MFA token from the password step rides along hidden; it
 * proves the password was right and is not a session.
 */
export function MfaCard(props: { mfaToken: string; next?: string | undefined; error?: string | undefined }) {
  return (
    <AuthCard title={t('auth.mfa.title')} id="login-card" error={props.error} footer={<a href="/login">{t('auth.mfa.start_over')}</a>}>
      <form method="post" action="/login/mfa" {...swapCard('login-card', '/login/mfa')}>
        <input type="hidden" name="mfa_token" value={props.mfaToken} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field
          label={t('auth.mfa.code_label')}
          name="code"
          autocomplete="one-time-code"
          autocapitalize="none"
          spellcheck={false}
          maxlength={64}
          required
          autofocus
          invalid={!!props.error}
          hint={t('auth.mfa.code_hint')}
        />
        <button type="submit" class="block">
          {t('auth.mfa.submit')}
        </button>
      </form>
    </AuthCard>
  );
}

export function MfaPage(props: Parameters<typeof MfaCard>[0] & { fragment: boolean }) {
  return (
    <AuthPage title={t('auth.mfa.title')} fragment={props.fragment}>
      <MfaCard {...props} />
    </AuthPage>
  );
}
