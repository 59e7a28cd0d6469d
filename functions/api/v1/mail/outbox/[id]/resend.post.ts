import { audit } from '#lib/audit/record.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { resendOutbox } from '#lib/mail/outbound/outbox-admin.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/mail/outbox/:id/resend — sends a `failed` or `unknown` (possibly sent) message
 * again, same Message-ID and content, with a fresh set of tries; 409 for any other state.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const entry = await resendOutbox(db, params.id);
    await audit(db, caller.orgId, actorOf(c, caller), {
      action: 'mail.resend',
      targetType: 'outbox',
      targetId: params.id,
      details: { kind: entry.kind, to: entry.to_address, message_id: entry.message_id },
    });
    return entry;
  },
});
