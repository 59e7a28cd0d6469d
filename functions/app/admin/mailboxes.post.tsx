import { attempt } from '#lib/pages/form-errors.ts';
import { checkNewMailbox, MAILBOX_FIELD_FOR, mailboxFormValues } from '#lib/mail/mailbox-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { createMailbox } from '#lib/mail/mailbox-changes.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MailboxBody, NewMailboxBody } from '#views/admin/mailbox.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/mailboxes — a mailbox from the form, checked by POST /api/v1/mailboxes's own
 * schema and created (and audited) by the same call. Refused: 422 (409 for an address in use)
 * with the reasons beside the fields. Created: the mailbox's page, its URL in the address bar.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const values = await readFormFields(c);
    const checked = checkNewMailbox(values);
    if (!checked.ok) return c.html(<NewMailboxBody form={{ errors: checked.errors, values }} />, 422);
    const done = await attempt(db, (sp) => createMailbox(sp, c.var.deps.mailKey, caller.orgId, actorOf(c, caller), checked.value), MAILBOX_FIELD_FOR);
    if (!done.ok) return c.html(<NewMailboxBody form={{ errors: done.errors, values }} error={done.message} />, done.status);
    const box = done.value;
    const body = <MailboxBody mailbox={box} form={{ errors: {}, values: mailboxFormValues(box) }} state={{ notice: t('admin_mail.notice.created', { name: box.name }) }} />;
    return c.html(body, 200, { 'HX-Push-Url': `/app/admin/mailboxes/${box.id}` });
  },
});
