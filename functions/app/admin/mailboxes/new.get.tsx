import { newMailboxValues } from '#lib/mail/mailbox-form.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { NewMailboxBody } from '#views/admin/mailbox.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/mailboxes/new — the new-mailbox form, with the usual ports and security filled in. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="mailboxes" title={t('admin_mail.title')}>
        <NewMailboxBody form={{ errors: {}, values: newMailboxValues() }} />
      </AdminLayout>,
    );
  },
});
