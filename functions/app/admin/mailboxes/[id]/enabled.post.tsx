import * as v from 'valibot';
import { mustBeAny } from '#lib/http/validation-messages.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { actorOf } from '#lib/http/client.ts';
import { readForm } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { updateMailbox } from '#lib/mail/mailbox-changes.ts';
import { listMailboxes } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MailboxesBody } from '#views/admin/mailboxes.tsx';
import { t } from '#lib/i18n/translate.ts';

const Form = v.object({ enabled: v.picklist(['on', 'off'], mustBeAny(['on', 'off'])) });

/** POST /app/admin/mailboxes/:id/enabled — `enabled=on|off` (as PATCH /api/v1/mailboxes/:id `{enabled}`); answers the Mailboxes page's body. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const form = await readForm(c, Form);
    if (!form.ok) return c.html(<MailboxesBody mailboxes={await listMailboxes(db)} state={{ error: t('admin_mail.notice.enabled_invalid') }} />, 422);
    const enabled = form.value.enabled === 'on';
    const done = await attempt(db, (sp) => updateMailbox(sp, c.var.deps.mailKey, caller.orgId, actorOf(c, caller), params.id, { enabled }));
    const mailboxes = await listMailboxes(db);
    if (!done.ok) return c.html(<MailboxesBody mailboxes={mailboxes} state={{ error: done.message ?? Object.values(done.errors)[0] }} />, done.status);
    const notice = enabled ? t('admin_mail.notice.enabled', { name: done.value.name }) : t('admin_mail.notice.disabled', { name: done.value.name });
    return c.html(<MailboxesBody mailboxes={mailboxes} state={{ notice }} />);
  },
});
