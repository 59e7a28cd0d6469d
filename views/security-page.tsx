import { t, tRich } from '#lib/i18n/translate.ts';
import { AppNav } from './app-nav.tsx';
import { Layout, type LayoutUser } from './layout.tsx';
import { TotpSection, type TotpSectionProps } from './totp-section.tsx';

/** GET /app/account/security — the account's security settings: for now, two-factor authentication. */
export function SecurityPage(props: { user: LayoutUser; totp: TotpSectionProps }) {
  return (
    <Layout title={t('account.security.title')} user={props.user} nav={<AppNav current="security" />}>
      <h1>{t('account.security.title')}</h1>
      <TotpSection {...props.totp} />
      <p class="muted">{tRich('account.security.sessions_hint_html', { a: (chunks) => <a href="/app/account/sessions">{chunks}</a> })}</p>
    </Layout>
  );
}
