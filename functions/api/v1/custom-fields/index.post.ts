import * as v from 'valibot';
import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
import {
  assertPatternCompilesInPostgres, CHOICE_TYPES, fieldKey, fieldLabel, fieldOptions, fieldPattern, fieldPosition, fieldRequiredFrom, fieldType, findField,
} from '../../../../lib/tickets/field-definitions.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    key: fieldKey,
    label: fieldLabel,
    type: fieldType,
    options: v.optional(fieldOptions),
    pattern: v.optional(fieldPattern),
    required_from: v.optional(fieldRequiredFrom),
    visible_to_customers: v.optional(v.boolean(), false),
    position: v.optional(fieldPosition),
  }),
  v.forward(v.check((b) => CHOICE_TYPES.includes(b.type) === (b.options !== undefined), 'options are required for dropdown and multi_select, and only for them'), ['options']),
  v.forward(v.check((b) => (b.type === 'regex') === (b.pattern !== undefined), 'pattern is required for regex, and only for it'), ['pattern']),
);

/**
 * POST /api/v1/custom-fields — `{key, label, type, options?, pattern?, required_from?,
 * visible_to_customers?, position?}` → 201. A key in use (archived fields keep theirs) is 409;
 * without `position` the field goes last.
 */
export default endpoint({
  responses: { 201: { description: 'The new field definition' } },
  auth: { permission: 'settings.manage' },
  body: Body,
  async handler({ c, db, caller, body }) {
    if (body.pattern !== undefined) await assertPatternCompilesInPostgres(db, body.pattern);
    const [row] = await db<{ id: string }[]>`
      insert into custom_fields (org_id, key, label, type, options, pattern, required_from, visible_to_customers, position)
      values (${caller.orgId}, ${body.key}, ${body.label}, ${body.type}, ${body.options ?? []}::text[], ${body.pattern ?? null},
              ${body.required_from ?? null}::ticket_status, ${body.visible_to_customers},
              coalesce(${body.position ?? null}::integer, (select coalesce(max(position) + 1, 0) from custom_fields)))
      on conflict (org_id, key) do nothing
      returning id`;
    if (!row) throw new HttpError(409, 'custom_field_exists', `A custom field with key "${body.key}" already exists (archived fields keep their key)`);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'custom_field.create', targetType: 'custom_field', targetId: row.id, details: { ...body } });
    return c.json(await findField(db, row.id), 201);
  },
});
