import * as v from 'valibot';
import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
import { idParams } from '../../../../lib/http/schemas.ts';
import {
  CHOICE_TYPES, fieldLabel, fieldOptions, fieldPosition, fieldRequiredFrom, findField, ticketsUsingOptions,
} from '../../../../lib/tickets/field-definitions.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    label: v.optional(fieldLabel),
    options: v.optional(fieldOptions),
    required_from: v.optional(fieldRequiredFrom),
    visible_to_customers: v.optional(v.boolean()),
    position: v.optional(fieldPosition),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), 'send at least one field to change'),
);

/**
 * PATCH /api/v1/custom-fields/:id — `{label?, options?, required_from?, visible_to_customers?,
 * position?}`. Key and type never change. `options` replaces the list: adding and reordering are
 * safe, removing an option that tickets still hold is 409 `option_in_use` with their count.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  body: Body,
  async handler({ c, db, caller, params, body }) {
    const field = await findField(db, params.id, { lock: true });
    if (body.options !== undefined) {
      if (!CHOICE_TYPES.includes(field.type)) throw new HttpError(422, 'options_not_allowed', `A ${field.type} field has no options; only dropdown and multi_select do`);
      const removed = field.options.filter((o) => !body.options!.includes(o));
      const inUse = await ticketsUsingOptions(db, field, removed);
      if (inUse) throw new HttpError(409, 'option_in_use', `${inUse} ticket(s) still hold ${removed.map((o) => `"${o}"`).join(', ')}: change them first, or keep the option`, { tickets: inUse, options: removed });
    }
    await db`
      update custom_fields set
        label = coalesce(${body.label ?? null}, label),
        options = coalesce(${body.options ?? null}::text[], options),
        required_from = case when ${body.required_from !== undefined} then ${body.required_from ?? null}::ticket_status else required_from end,
        visible_to_customers = coalesce(${body.visible_to_customers ?? null}::boolean, visible_to_customers),
        position = coalesce(${body.position ?? null}::integer, position)
      where id = ${params.id}`;
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'custom_field.update', targetType: 'custom_field', targetId: params.id, details: { key: field.key, ...body } });
    return findField(db, params.id);
  },
});
