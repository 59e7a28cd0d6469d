import * as v from 'valibot';
import { mustBeAny } from '#lib/http/validation-messages.ts';
import { moveField } from '#lib/custom-fields/changes.ts';
import { adminFieldRows, changeFieldList } from '#lib/pages/field-list-change.ts';
import { actorOf } from '#lib/http/client.ts';
import { readForm } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { FieldsBody } from '#views/admin/fields.tsx';
import { t } from '#lib/i18n/translate.ts';

const Form = v.object({ direction: v.picklist(['up', 'down'], mustBeAny(['up', 'down'])) });

/** POST /app/admin/fields/:id/move — `direction=up|down` swaps the field with its neighbour on tickets and the portal; answers the page's body. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const form = await readForm(c, Form);
    if (!form.ok) return c.html(<FieldsBody fields={await adminFieldRows(db)} error={t('admin_fields.notice.not_moved')} />, 422);
    const { direction } = form.value;
    const done = await changeFieldList(
      db,
      (sp) => moveField(sp, caller.orgId, actorOf(c, caller), params.id, direction),
      (f) => t('admin_fields.notice.moved', { label: f.label, direction }),
    );
    return c.html(<FieldsBody fields={done.fields} notice={done.notice} error={done.error} />, done.status);
  },
});
