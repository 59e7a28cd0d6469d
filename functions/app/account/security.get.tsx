import { totpState } from '#lib/auth/totp-state.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SecurityPage } from '#views/security-page.tsx';

/**
 * GET /app/account/security — whether 2FA is on, and the way to turn it on or off. Open
 * before 2FA is set up even when the org requires it: this is where that gets done.
 */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  async handler({ c, db, caller }) {
    return c.html(<SecurityPage user={await layoutUser(db, caller)} totp={await totpState(db, caller)} />);
  },
});
