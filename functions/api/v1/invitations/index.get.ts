import { listPendingInvitations } from '#lib/invitations/pending.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/invitations — invitations still waiting to be accepted. */
export default endpoint({
  auth: { permission: 'users.manage' },
  async handler({ db }) {
    return { items: await listPendingInvitations(db) };
  },
});
