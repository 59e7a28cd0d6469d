import { mailboxFormValues } from '#lib/mail/mailbox-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { issueInboundToken } from '#lib/mail/mailbox-changes.ts';
import { findMailbox } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MailboxBody } from '#views/admin/mailbox.tsx';

/**
 * POST /app/admin/mailboxes/:id/inbound-token — a new token for piped mail, as
 * POST /api/v1/mailboxes/:id/inbound-token makes it (the old one stops working); the mailbox's
 * page shows it this once. Another org's id is a 404.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const token = await issueInboundToken(db, caller.orgId, actorOf(c, caller), params.id);
    const box = await findMailbox(db, params.id);
    return c.html(<MailboxBody mailbox={box} form={{ errors: {}, values: mailboxFormValues(box) }} state={{ token }} />);
  },
});
