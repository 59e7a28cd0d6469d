import { layoutUser } from '#lib/pages/layout-user.ts';
import { listMailboxes } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { MailboxesBody } from '#views/admin/mailboxes.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/mailboxes — the email channels: status ok or failing, last error, next try; enable, disable, delete, and the way to add one. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="mailboxes" title={t('admin_mail.title')}>
        <MailboxesBody mailboxes={await listMailboxes(db)} />
      </AdminLayout>,
    );
  },
});
