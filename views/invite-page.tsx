import { t } from '#lib/i18n/translate.ts';
import { AuthCard } from './auth-card.tsx';
import { AuthPage, swapCard } from './auth-page.tsx';
import { Field } from './field.tsx';
import { NewPasswordFields } from './new-password-fields.tsx';

/**
 * The page an invitation link opens. Someone who already has an ATUM DESK account simply
 * accepts; someone new is asked for a password once the server has said so
 * (`needsPassword`), since only it knows whether the invited email has an account.
 */
export function InviteCard(props: { token: string | undefined; name?: string | undefined; needsPassword?: boolean; error?: string | undefined; invalid?: readonly string[] | undefined }) {
  if (!props.token) {
    return <AuthCard title={t('auth.invite.title')} id="invite-card" error={props.error ?? t('auth.invite.incomplete')} footer={<a href="/login">{t('auth.invite.sign_in')}</a>} />;
  }
  const invalid = new Set(props.invalid ?? []);
  return (
    <AuthCard title={t('auth.invite.title')} id="invite-card" error={props.error} footer={<a href="/login">{t('auth.invite.sign_in_instead')}</a>}>
      <form method="post" action="/invite" {...swapCard('invite-card', '/invite')}>
        <input type="hidden" name="token" value={props.token} />
        <p class="muted">{props.needsPassword ? t('auth.invite.intro_new') : t('auth.invite.intro_existing')}</p>
        <Field label={t('auth.invite.name_label')} name="name" value={props.name} autocomplete="name" maxlength={200} autofocus={!props.needsPassword} invalid={invalid.has('name')} />
        {props.needsPassword ? <NewPasswordFields invalid={invalid} autofocus /> : null}
        <button type="submit" class="block">
          {props.needsPassword ? t('auth.invite.submit_new') : t('auth.invite.submit_existing')}
        </button>
      </form>
    </AuthCard>
  );
}

export function InvitePage(props: Parameters<typeof InviteCard>[0] & { fragment: boolean }) {
  return (
    <AuthPage title={t('auth.invite.title')} fragment={props.fragment}>
      <InviteCard {...props} />
    </AuthPage>
  );
}
