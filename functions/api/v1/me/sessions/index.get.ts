import { listSessions } from '#lib/auth/sessions.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/me/sessions — where the caller is signed in to this org; `current` marks this one. */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  async handler({ db, caller }) {
    return { items: await listSessions(db, caller.userId, caller.sessionId) };
  },
});
