import { t } from '#lib/i18n/translate.ts';
import { AuthCard } from './auth-card.tsx';
import { AuthPage, swapCard } from './auth-page.tsx';
import { NewPasswordFields } from './new-password-fields.tsx';

/**
 * The page a reset link opens: a new password, twice. Without a token there is nothing to
 * reset, and the card says where to get a link.
 */
export function ResetCard(props: { token: string | undefined; error?: string | undefined; invalid?: readonly string[] | undefined }) {
  if (!props.token) {
    return <AuthCard title={t('auth.reset.title')} id="reset-card" error={props.error ?? t('auth.reset.incomplete')} footer={<a href="/forgot">{t('auth.reset.new_link')}</a>} />;
  }
  return (
    <AuthCard title={t('auth.reset.title')} id="reset-card" error={props.error} footer={<a href="/forgot">{t('auth.reset.new_link')}</a>}>
      <form method="post" action="/reset" {...swapCard('reset-card', '/reset')}>
        <input type="hidden" name="token" value={props.token} />
        <p class="muted">{t('auth.reset.intro')}</p>
        <NewPasswordFields invalid={new Set(props.invalid ?? [])} autofocus />
        <button type="submit" class="block">
          {t('auth.reset.submit')}
        </button>
      </form>
    </AuthCard>
  );
}

export function ResetPage(props: Parameters<typeof ResetCard>[0] & { fragment: boolean }) {
  return (
    <AuthPage title={t('auth.reset.title')} fragment={props.fragment}>
      <ResetCard {...props} />
    </AuthPage>
  );
}
