import { attempt } from '#lib/pages/form-errors.ts';
import { checkMailboxChanges, MAILBOX_FIELD_FOR, mailboxFormValues } from '#lib/mail/mailbox-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { updateMailbox } from '#lib/mail/mailbox-changes.ts';
import { findMailbox } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MailboxBody } from '#views/admin/mailbox.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/mailboxes/:id — the mailbox's form, checked by PATCH /api/v1/mailboxes/:id's
 * schema; only the fields that differ are saved (a blank password keeps the stored one).
 * Refused: 422 (409 for an address in use) beside the fields, nothing saved.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const box = await findMailbox(db, params.id);
    const values = await readFormFields(c);
    const checked = checkMailboxChanges(values, box);
    if (!checked.ok) return c.html(<MailboxBody mailbox={box} form={{ errors: checked.errors, values }} />, 422);
    if (Object.keys(checked.value).length === 0)
      return c.html(<MailboxBody mailbox={box} form={{ errors: {}, values: mailboxFormValues(box) }} state={{ notice: t('admin_mail.notice.nothing_to_save') }} />);
    const done = await attempt(db, (sp) => updateMailbox(sp, c.var.deps.mailKey, caller.orgId, actorOf(c, caller), params.id, checked.value), MAILBOX_FIELD_FOR);
    if (!done.ok) return c.html(<MailboxBody mailbox={box} form={{ errors: done.errors, values }} state={{ error: done.message }} />, done.status);
    return c.html(<MailboxBody mailbox={done.value} form={{ errors: {}, values: mailboxFormValues(done.value) }} state={{ notice: t('admin_mail.notice.saved') }} />);
  },
});
