import type { SessionView } from '#lib/auth/sessions.ts';
import { t } from '#lib/i18n/translate.ts';
import { AppNav } from './app-nav.tsx';
import { Layout, type LayoutUser } from './layout.tsx';
import { SessionRow } from './session-row.tsx';
import { TableScroll } from './table-scroll.tsx';

/** GET /app/account/sessions — where the person is signed in, newest activity first. */
export function SessionsPage(props: { user: LayoutUser; sessions: readonly SessionView[] }) {
  return (
    <Layout title={t('account.sessions.title')} user={props.user} nav={<AppNav current="sessions" />}>
      <h1>{t('account.sessions.title')}</h1>
      <p class="muted">{t('account.sessions.intro', { org: props.user.orgName })}</p>
      <TableScroll label={t('account.sessions.table_label')}>
        <table>
          <caption class="muted small">{t('account.sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.sessions.col_browser')}</th>
              <th scope="col">{t('account.sessions.col_ip')}</th>
              <th scope="col">{t('account.sessions.col_signed_in')}</th>
              <th scope="col">{t('account.sessions.col_last_seen')}</th>
              <th scope="col">{t('account.sessions.col_action')}</th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => (
              <SessionRow session={s} />
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}
