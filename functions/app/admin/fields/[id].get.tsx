import { fieldFormValues } from '#lib/custom-fields/definition-form.ts';
import { idParams } from '#lib/http/schemas.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { findField } from '#lib/custom-fields/definitions.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { FieldBody } from '#views/admin/field.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/fields/:id — one field to edit (an archived one, to bring back). Another org's id is a 404. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const field = await findField(db, params.id, { archived: true });
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="fields" title={t('admin_fields.title')}>
        <FieldBody field={field} form={{ errors: {}, values: fieldFormValues(field) }} />
      </AdminLayout>,
    );
  },
});
