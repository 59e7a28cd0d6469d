import { audit } from '../../../../../lib/audit.ts';
import { actorOf } from '../../../../../lib/http/client.ts';
import { idParams } from '../../../../../lib/http/schemas.ts';
import { rotateInboundToken } from '../../../../../lib/mail/mailboxes.ts';
import { endpoint } from '../../../../../lib/router/endpoint.ts';

/**
 * POST /api/v1/mailboxes/:id/inbound-token — a new token for `POST /api/v1/mail/inbound`
 * (the previous one stops working); shown this once.
 */
export default endpoint({
  responses: { 201: { description: '`{token}`, shown once' } },
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const token = await rotateInboundToken(db, caller.orgId, params.id);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'mailbox.inbound_token', targetType: 'mailbox', targetId: params.id });
    return c.json({ token }, 201);
  },
});
