import { Layout } from './layout.tsx';

/** The sign-in form. Its POST handler, sessions and 2FA arrive with the identity work. */
export function LoginPage(props: { next?: string | undefined }) {
  return (
    <Layout title="Sign in">
      <h1>Sign in to ATUM DESK</h1>
      <form method="post" action="/login">
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <label>
          Organization <input name="org" autocomplete="organization" required />
        </label>
        <label>
          Email <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          Password <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
