import { mailboxFormValues } from '#lib/mail/mailbox-form.ts';
import { idParams } from '#lib/http/schemas.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { findMailbox } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { MailboxBody } from '#views/admin/mailbox.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/mailboxes/:id — one mailbox's status and settings (never its passwords). Another org's id is a 404. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const box = await findMailbox(db, params.id);
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="mailboxes" title={t('admin_mail.title')}>
        <MailboxBody mailbox={box} form={{ errors: {}, values: mailboxFormValues(box) }} />
      </AdminLayout>,
    );
  },
});
