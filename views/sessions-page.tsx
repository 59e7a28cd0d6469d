import type { SessionView } from '#lib/auth/sessions.ts';
import { AppNav } from './app-nav.tsx';
import { Layout, type LayoutUser } from './layout.tsx';
import { SessionRow } from './session-row.tsx';
import { TableScroll } from './table-scroll.tsx';

/** GET /app/account/sessions — where the person is signed in, newest activity first. */
export function SessionsPage(props: { user: LayoutUser; sessions: readonly SessionView[] }) {
  return (
    <Layout title="Sessions" user={props.user} nav={<AppNav current="sessions" />}>
      <h1>Sessions</h1>
      <p class="muted">Everywhere you are signed in to {props.user.orgName}. Sign out any device you do not recognise, then change your password.</p>
      <TableScroll label="Table of your active sessions">
        <table>
          <caption class="muted small">Your active sessions</caption>
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last seen</th>
              <th scope="col">Action</th>
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
