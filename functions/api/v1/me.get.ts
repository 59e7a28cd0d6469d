import { endpoint } from '#lib/router/endpoint.ts';
import { HttpError } from '#lib/http/errors.ts';

/** GET /api/v1/me — the caller, their org, their role and their 2FA state. */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  async handler({ db, caller }) {
    const [me] = await db`
      select u.id, u.email, u.name, m.role, o.id as org_id, o.slug as org_slug, o.name as org_name, o.require_2fa,
             exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null) as mfa_enabled
      from users u
      join memberships m on m.user_id = u.id and m.org_id = app.current_org()
      join organizations o on o.id = m.org_id
      where u.id = ${caller.userId} and m.disabled_at is null`;
    if (!me) throw new HttpError(401, 'unauthenticated', 'This account is no longer a member of the organization');
    return {
      id: me.id,
      email: me.email,
      name: me.name,
      role: me.role,
      mfa_enabled: me.mfa_enabled,
      mfa_setup_required: me.require_2fa && !me.mfa_enabled,
      session_id: caller.sessionId ?? null,
      org: { id: me.org_id, slug: me.org_slug, name: me.org_name },
    };
  },
});
