import { attempt } from '#lib/pages/form-errors.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { removeMailbox } from '#lib/mail/mailbox-changes.ts';
import { listMailboxes } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MailboxesBody } from '#views/admin/mailboxes.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/mailboxes/:id/delete — deletes it as DELETE /api/v1/mailboxes/:id does (its
 * tickets and received mail stay) and answers the Mailboxes page's body at its own URL.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const done = await attempt(db, (sp) => removeMailbox(sp, caller.orgId, actorOf(c, caller), params.id));
    const mailboxes = await listMailboxes(db);
    if (!done.ok) return c.html(<MailboxesBody mailboxes={mailboxes} state={{ error: done.message ?? Object.values(done.errors)[0] }} />, done.status);
    // From the mailbox's own page the URL must leave it: that page is gone.
    return c.html(<MailboxesBody mailboxes={mailboxes} state={{ notice: t('admin_mail.notice.deleted', { name: done.value.name }) }} />, 200, { 'HX-Replace-Url': '/app/admin/mailboxes' });
  },
});
