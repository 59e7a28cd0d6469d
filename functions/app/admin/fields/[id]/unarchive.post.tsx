import { unarchiveField } from '#lib/custom-fields/changes.ts';
import { changeFieldList } from '#lib/pages/field-list-change.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { FieldsBody } from '#views/admin/fields.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/fields/:id/unarchive — brings an archived field back, last in the order
 * (POST /api/v1/custom-fields/:id/unarchive), and answers the fields list at its own URL.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const done = await changeFieldList(
      db,
      (sp) => unarchiveField(sp, caller.orgId, actorOf(c, caller), params.id),
      (f) => t('admin_fields.notice.unarchived', { label: f.label }),
    );
    return c.html(<FieldsBody fields={done.fields} notice={done.notice} error={done.error} />, done.status, done.status === 200 ? { 'HX-Replace-Url': '/app/admin/fields' } : {});
  },
});
