import { AuthCard } from './auth-card.tsx';
import { AuthPage, swapCard } from './auth-page.tsx';
import { NewPasswordFields } from './new-password-fields.tsx';

/**
 * The page a reset link opens: a new password, twice. Without a token there is nothing to
 * reset, and the card says where to get a link.
 */
export function ResetCard(props: { token: string | undefined; error?: string | undefined; invalid?: readonly string[] | undefined }) {
  if (!props.token) {
    return (
      <AuthCard
        title="Choose a new password"
        id="reset-card"
        error={props.error ?? 'This link is incomplete: open the link from the email again, or ask for a new one.'}
        footer={<a href="/forgot">Ask for a new link</a>}
      />
    );
  }
  return (
    <AuthCard title="Choose a new password" id="reset-card" error={props.error} footer={<a href="/forgot">Ask for a new link</a>}>
      <form method="post" action="/reset" {...swapCard('reset-card', '/reset')}>
        <input type="hidden" name="token" value={props.token} />
        <p class="muted">Choosing a new password signs you out everywhere.</p>
        <NewPasswordFields invalid={new Set(props.invalid ?? [])} autofocus />
        <button type="submit" class="block">
          Change password
        </button>
      </form>
    </AuthCard>
  );
}

export function ResetPage(props: Parameters<typeof ResetCard>[0] & { fragment: boolean }) {
  return (
    <AuthPage title="Choose a new password" fragment={props.fragment}>
      <ResetCard {...props} />
    </AuthPage>
  );
}
