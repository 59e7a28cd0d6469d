import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { issueInboundToken } from '#lib/mail/mailbox-changes.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/mailboxes/:id/inbound-token — a new token for `POST /api/v1/mail/inbound`
 * (the previous one stops working); shown this once.
 */
export default endpoint({
  responses: { 201: { description: '`{token}`, shown once' } },
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    return c.json({ token: await issueInboundToken(db, caller.orgId, actorOf(c, caller), params.id) }, 201);
  },
});
