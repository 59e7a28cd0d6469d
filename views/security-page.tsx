import { AppNav } from './app-nav.tsx';
import { Layout, type LayoutUser } from './layout.tsx';
import { TotpSection, type TotpSectionProps } from './totp-section.tsx';

/** GET /app/account/security — the account's security settings: for now, two-factor authentication. */
export function SecurityPage(props: { user: LayoutUser; totp: TotpSectionProps }) {
  return (
    <Layout title="Security" user={props.user} nav={<AppNav current="security" />}>
      <h1>Security</h1>
      <TotpSection {...props.totp} />
      <p class="muted">
        To see where you are signed in, or sign another device out, go to <a href="/app/account/sessions">Sessions</a>.
      </p>
    </Layout>
  );
}
