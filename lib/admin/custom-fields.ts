import * as v from 'valibot';
import { audit, type AuditActor } from '../audit.ts';
import type { TransactionSql } from '../db/pool.ts';
import { HttpError } from '../http/errors.ts';
import {
  assertPatternCompilesInPostgres, CHOICE_TYPES, fieldKey, fieldLabel, fieldOptions, fieldPattern, fieldPosition, fieldRequiredFrom, fieldType, findField, type FieldRow,
} from '../tickets/field-definitions.ts';
import type { CustomFieldType } from '../tickets/custom-fields.ts';

/** A new field definition as POST /api/v1/custom-fields takes it; the admin page checks its form against it too. */
export const NewFieldBody = v.pipe(
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

export interface NewField {
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[] | undefined;
  pattern?: string | undefined;
  required_from?: string | null | undefined;
  visible_to_customers: boolean;
  position?: number | undefined;
}

/**
 * Defines a ticket field. A key in use (archived fields keep theirs) is a 409; without
 * `position` the field goes last; a regex PostgreSQL cannot compile is refused.
 */
export async function createField(tx: TransactionSql, orgId: string, actor: AuditActor, input: NewField): Promise<FieldRow> {
  if (input.pattern !== undefined) await assertPatternCompilesInPostgres(tx, input.pattern);
  const [row] = await tx<{ id: string }[]>`
    insert into custom_fields (org_id, key, label, type, options, pattern, required_from, visible_to_customers, position)
    values (${orgId}, ${input.key}, ${input.label}, ${input.type}, ${input.options ?? []}::text[], ${input.pattern ?? null},
            ${input.required_from ?? null}::ticket_status, ${input.visible_to_customers},
            coalesce(${input.position ?? null}::integer, (select coalesce(max(position) + 1, 0) from custom_fields)))
    on conflict (org_id, key) do nothing
    returning id`;
  if (!row) throw new HttpError(409, 'custom_field_exists', `A custom field with key "${input.key}" already exists (archived fields keep their key)`);
  await audit(tx, orgId, actor, { action: 'custom_field.create', targetType: 'custom_field', targetId: row.id, details: { ...input } });
  return findField(tx, row.id);
}
