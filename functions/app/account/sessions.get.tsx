import { listSessions } from '#lib/auth/sessions.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SessionsPage } from '#views/sessions-page.tsx';

/** GET /app/account/sessions — the caller's live sessions in this org, each with a sign-out button. */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  async handler({ c, db, caller }) {
    const sessions = await listSessions(db, caller.userId, caller.sessionId);
    return c.html(<SessionsPage user={await layoutUser(db, caller)} sessions={sessions} />);
  },
});
