import { updateField } from '#lib/custom-fields/changes.ts';
import { checkFieldForm, fieldFormValues } from '#lib/custom-fields/definition-form.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { findField } from '#lib/custom-fields/definitions.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { FieldBody } from '#views/admin/field.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/fields/:id — the field's form, checked by PATCH /api/v1/custom-fields/:id's
 * schema and saved by the same call: removing an option tickets hold, or a pattern their values
 * would not match, is refused (409) beside the field with the count, nothing saved.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const field = await findField(db, params.id);
    const values = await readFormFields(c);
    const checked = checkFieldForm(values, field);
    if (!checked.ok) return c.html(<FieldBody field={field} form={{ errors: checked.errors, values }} />, 422);
    const done = await attempt(db, (sp) => updateField(sp, caller.orgId, actorOf(c, caller), params.id, checked.value), { option_in_use: 'options', pattern_in_use: 'pattern' });
    if (!done.ok) return c.html(<FieldBody field={field} form={{ errors: done.errors, values }} state={{ error: done.message }} />, done.status);
    return c.html(<FieldBody field={done.value} form={{ errors: {}, values: fieldFormValues(done.value) }} state={{ notice: t('admin_fields.notice.saved') }} />);
  },
});
