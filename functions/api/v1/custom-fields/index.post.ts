import * as v from 'valibot';
import { createField } from '../../../../lib/admin/custom-fields.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import {
  CHOICE_TYPES, fieldKey, fieldLabel, fieldOptions, fieldPattern, fieldPosition, fieldRequiredFrom, fieldType,
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
    return c.json(await createField(db, caller.orgId, actorOf(c, caller), body), 201);
  },
});
