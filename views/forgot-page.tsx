import { RESET_TOKEN_TTL_MINUTES } from '#lib/auth/password-reset.ts';
import { t } from '#lib/i18n/translate.ts';
import { AuthCard } from './auth-card.tsx';
import { AuthPage, swapCard } from './auth-page.tsx';
import { Field } from './field.tsx';

/**
 * "Forgot your password?": organization and email. After a post, `sent` shows the same notice
 * whatever happened, so the page never says whether an account exists.
 */
export function ForgotCard(props: { org?: string | undefined; email?: string | undefined; error?: string | undefined; sent?: boolean; invalid?: readonly string[] | undefined }) {
  const invalid = new Set(props.invalid ?? []);
  return (
    <AuthCard
      title={t('auth.forgot.title')}
      id="forgot-card"
      error={props.error}
      notice={props.sent ? t('auth.forgot.sent', { minutes: RESET_TOKEN_TTL_MINUTES }) : undefined}
      footer={<a href="/login">{t('auth.back_to_sign_in')}</a>}
    >
      {props.sent ? null : (
        <form method="post" action="/forgot" {...swapCard('forgot-card', '/forgot')}>
          <p class="muted">{t('auth.forgot.intro')}</p>
          <Field label={t('auth.field.org')} name="org" value={props.org} autocomplete="organization" autocapitalize="none" spellcheck={false} required autofocus invalid={invalid.has('org')} />
          <Field label={t('auth.field.email')} name="email" type="email" value={props.email} autocomplete="email" required invalid={invalid.has('email')} />
          <button type="submit" class="block">
            {t('auth.forgot.submit')}
          </button>
        </form>
      )}
    </AuthCard>
  );
}

export function ForgotPage(props: Parameters<typeof ForgotCard>[0] & { fragment: boolean }) {
  return (
    <AuthPage title={t('auth.forgot.title')} fragment={props.fragment}>
      <ForgotCard {...props} />
    </AuthPage>
  );
}
