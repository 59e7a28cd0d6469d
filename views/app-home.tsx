import { roleLabel } from '#lib/i18n/labels.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import { AppNav } from './app-nav.tsx';
import { Layout, type LayoutUser } from './layout.tsx';

/** The signed-in home page: who you are, and where to manage your account. */
export function AppHome(props: { user: LayoutUser }) {
  const { user } = props;
  return (
    <Layout title={user.orgName} user={user} nav={<AppNav current="home" />}>
      <h1>{user.orgName}</h1>
      <p>{t('shell.home.signed_in_as', { email: user.email, role: roleLabel(user.role) })}</p>
      <ul>
        <li>{tRich('shell.home.security_html', { a: (chunks) => <a href="/app/account/security">{chunks}</a> })}</li>
        <li>{tRich('shell.home.sessions_html', { a: (chunks) => <a href="/app/account/sessions">{chunks}</a> })}</li>
      </ul>
    </Layout>
  );
}
