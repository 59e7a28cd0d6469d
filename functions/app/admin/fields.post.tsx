import * as v from 'valibot';
import { createField, NewFieldBody } from '#lib/custom-fields/changes.ts';
import { adminFieldRows } from '#lib/pages/field-list-change.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { fieldErrors, firstSegmentOr } from '#lib/http/schema-issues.ts';
import { CHOICE_TYPES } from '#lib/custom-fields/definitions.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { FieldsBody } from '#views/admin/fields.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/fields — adds a custom field. The form is turned into the JSON body of
 * POST /api/v1/custom-fields (options one per line) and checked by the same schema, so the page
 * and the API refuse the same things with the same words.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const values = await readFormFields(c);
    const type = values.type ?? '';
    const candidate = {
      key: values.key ?? '',
      label: values.label ?? '',
      type,
      options: CHOICE_TYPES.includes(type)
        ? (values.options ?? '')
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
      pattern: type === 'regex' ? (values.pattern ?? '') : undefined,
      visible_to_customers: values.visible_to_customers === 'on',
    };
    const again = async (status: number, errors: Record<string, string>, extra: { notice?: string; error?: string | undefined } = {}) =>
      c.html(<FieldsBody fields={await adminFieldRows(db)} form={{ errors, values: status === 200 ? {} : values }} {...extra} />, status as 200);
    const parsed = v.safeParse(NewFieldBody, candidate);
    if (!parsed.success) return again(400, fieldErrors(parsed.issues, firstSegmentOr('key')));
    const done = await attempt(db, (sp) => createField(sp, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, parsed.output), { custom_field_exists: 'key', invalid_pattern: 'pattern' });
    if (!done.ok) return again(done.status, done.errors, { error: done.message });
    return again(200, {}, { notice: t('admin_fields.notice.added', { label: done.value.label }) });
  },
});
