import { endpoint } from '../../../../lib/router/endpoint.ts';

/** GET /api/v1/invitations — invitations still waiting to be accepted. */
export default endpoint({
  auth: { permission: 'users.manage' },
  async handler({ db }) {
    const items = await db`
      select id, email, role, invited_by, created_at, expires_at from invitations
      where accepted_at is null and revoked_at is null and expires_at > now()
      order by created_at desc limit 500`;
    return { items };
  },
});
