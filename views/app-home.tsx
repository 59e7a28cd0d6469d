import { AppNav } from './app-nav.tsx';
import { Layout, type LayoutUser } from './layout.tsx';

/** The signed-in home page: who you are, and where to manage your account. */
export function AppHome(props: { user: LayoutUser }) {
  const { user } = props;
  return (
    <Layout title={user.orgName} user={user} nav={<AppNav current="home" />}>
      <h1>{user.orgName}</h1>
      <p>
        Signed in as {user.email} ({user.role}).
      </p>
      <ul>
        <li>
          <a href="/app/account/security">Security</a>: two-factor authentication.
        </li>
        <li>
          <a href="/app/account/sessions">Sessions</a>: where you are signed in, and signing other devices out.
        </li>
      </ul>
    </Layout>
  );
}
