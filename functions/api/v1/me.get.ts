import { readMe } from '#lib/auth/me.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/me — the caller, their org, their role and their 2FA state. */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  async handler({ db, caller }) {
    return readMe(db, caller);
  },
});
