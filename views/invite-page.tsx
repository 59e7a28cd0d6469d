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
    return <AuthCard title="Join your team" id="invite-card" error={props.error ?? 'This invitation link is incomplete: open the link from the email again.'} footer={<a href="/login">Sign in</a>} />;
  }
  const invalid = new Set(props.invalid ?? []);
  return (
    <AuthCard title="Join your team" id="invite-card" error={props.error} footer={<a href="/login">Sign in instead</a>}>
      <form method="post" action="/invite" {...swapCard('invite-card', '/invite')}>
        <input type="hidden" name="token" value={props.token} />
        <p class="muted">{props.needsPassword ? 'You are new to ATUM DESK: choose a password for your account.' : 'You have been invited to an organization on ATUM DESK.'}</p>
        <Field label="Your name" name="name" value={props.name} autocomplete="name" maxlength={200} autofocus={!props.needsPassword} invalid={invalid.has('name')} />
        {props.needsPassword ? <NewPasswordFields invalid={invalid} autofocus /> : null}
        <button type="submit" class="block">
          {props.needsPassword ? 'Create account and join' : 'Accept invitation'}
        </button>
      </form>
    </AuthCard>
  );
}

export function InvitePage(props: Parameters<typeof InviteCard>[0] & { fragment: boolean }) {
  return (
    <AuthPage title="Join your team" fragment={props.fragment}>
      <InviteCard {...props} />
    </AuthPage>
  );
}
