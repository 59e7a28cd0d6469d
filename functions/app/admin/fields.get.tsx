import { adminFieldRows } from '#lib/pages/field-list-change.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { FieldsBody } from '#views/admin/fields.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/fields — the ticket's custom fields in display order (up, down, archive), the archived ones (unarchive), and the form that adds one. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="fields" title={t('admin_fields.title')}>
        <FieldsBody fields={await adminFieldRows(db)} />
      </AdminLayout>,
    );
  },
});
