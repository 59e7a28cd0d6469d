import { AuthCard } from './auth-card.tsx';
import { Layout } from './layout.tsx';

/** The sign-in form. Its POST handler, sessions and 2FA arrive with the identity work. */
export function LoginPage(props: { next?: string | undefined }) {
  return (
    <Layout title="Sign in">
      <AuthCard title="Sign in to ATUM DESK" id="login-card">
        <form method="post" action="/login">
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <label class="field">
            <span>Organization</span>
            <input name="org" autocomplete="organization" required autofocus />
          </label>
          <label class="field">
            <span>Email</span>
            <input name="email" type="email" autocomplete="username" required />
          </label>
          <label class="field">
            <span>Password</span>
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit" class="block">
            Sign in
          </button>
        </form>
      </AuthCard>
    </Layout>
  );
}
