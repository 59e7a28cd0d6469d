import { mailboxFormValues } from '#lib/mail/mailbox-form.ts';
import { idParams } from '#lib/http/schemas.ts';
import { testMailboxConnection } from '#lib/mail/connection-test.ts';
import { findMailbox } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MailboxBody } from '#views/admin/mailbox.tsx';

/**
 * POST /app/admin/mailboxes/:id/test — "Test connection", as POST /api/v1/mailboxes/:id/test:
 * the mailbox's page with each side's answer (IMAP login and folder, SMTP login). Another org's
 * id is a 404.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, params }) {
    const test = await testMailboxConnection(db, c.var.deps.mailKey, c.var.deps.config.mail, params.id);
    const box = await findMailbox(db, params.id);
    return c.html(<MailboxBody mailbox={box} form={{ errors: {}, values: mailboxFormValues(box) }} state={{ test }} />);
  },
});
