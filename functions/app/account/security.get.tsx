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
    const [state] = await db<{ enabled: boolean; required: boolean }[]>`
      select exists (select 1 from user_totp where user_id = ${caller.userId} and confirmed_at is not null) as enabled,
             (select require_2fa from organizations where id = ${caller.orgId}) as required`;
    return c.html(<SecurityPage user={await layoutUser(db, caller)} totp={{ enabled: state?.enabled ?? false, required: state?.required ?? false }} />);
  },
});
