import * as v from 'valibot';
import { sendAChange } from '#lib/http/validation-messages.ts';
import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import {
  assertPatternCompilesInPostgres,
  CHOICE_TYPES,
  fieldKey,
  fieldLabel,
  fieldOptions,
  fieldPattern,
  fieldPosition,
  fieldRequiredFrom,
  fieldType,
  findField,
  ticketsNotMatching,
  ticketsUsingOptions,
  type FieldRow,
} from './definitions.ts';
import type { CustomFieldType } from './values.ts';
import { t } from '#lib/i18n/translate.ts';

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
  v.forward(
    v.check(
      (b) => CHOICE_TYPES.includes(b.type) === (b.options !== undefined),
      () => t('validation.field.options_rule'),
    ),
    ['options'],
  ),
  v.forward(
    v.check(
      (b) => (b.type === 'regex') === (b.pattern !== undefined),
      () => t('validation.field.pattern_rule'),
    ),
    ['pattern'],
  ),
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
  if (!row) throw new HttpError(409, 'custom_field_exists', t('error.custom_field_exists', { key: input.key }));
  await audit(tx, orgId, actor, { action: 'custom_field.create', targetType: 'custom_field', targetId: row.id, details: { ...input } });
  return findField(tx, row.id);
}

/** PATCH /api/v1/custom-fields/:id: any of these; key and type never change. The edit page checks its form against it too. */
export const FieldPatchBody = v.pipe(
  v.strictObject({
    label: v.optional(fieldLabel),
    options: v.optional(fieldOptions),
    pattern: v.optional(fieldPattern),
    required_from: v.optional(fieldRequiredFrom),
    visible_to_customers: v.optional(v.boolean()),
    position: v.optional(fieldPosition),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), sendAChange),
);
export type FieldPatch = v.InferOutput<typeof FieldPatchBody>;

/**
 * Changes a live field. `options` replaces the list: adding and reordering are safe, removing
 * one that tickets still hold is a 409 `option_in_use` with their count; a new `pattern` that
 * values tickets hold would no longer match is a 409 `pattern_in_use`. Options belong to
 * dropdown and multi_select fields, a pattern to regex ones (422 otherwise).
 *
 * @example
 * const field = await updateField(db, orgId, actor, id, { options: ['Free', 'Pro', 'Enterprise'] });
 */
export async function updateField(tx: TransactionSql, orgId: string, actor: AuditActor, id: string, patch: FieldPatch): Promise<FieldRow> {
  const field = await findField(tx, id, { lock: true });
  if (patch.options !== undefined) {
    if (!CHOICE_TYPES.includes(field.type)) throw new HttpError(422, 'options_not_allowed', t('error.options_not_allowed', { type: field.type }));
    const removed = field.options.filter((o) => !patch.options!.includes(o));
    const inUse = await ticketsUsingOptions(tx, field, removed);
    if (inUse)
      throw new HttpError(409, 'option_in_use', t('error.option_in_use', { count: inUse, options: removed.map((o) => `"${o}"`).join(', ') }), {
        tickets: inUse,
        options: removed,
      });
  }
  if (patch.pattern !== undefined && patch.pattern !== field.pattern) {
    if (field.type !== 'regex') throw new HttpError(422, 'pattern_not_allowed', t('error.pattern_not_allowed', { type: field.type }));
    await assertPatternCompilesInPostgres(tx, patch.pattern);
    const misfits = await ticketsNotMatching(tx, field, patch.pattern);
    if (misfits) throw new HttpError(409, 'pattern_in_use', t('error.pattern_in_use', { count: misfits }), { tickets: misfits });
  }
  await tx`
    update custom_fields set
      label = coalesce(${patch.label ?? null}, label),
      options = coalesce(${patch.options ?? null}::text[], options),
      pattern = coalesce(${patch.pattern ?? null}, pattern),
      required_from = case when ${patch.required_from !== undefined} then ${patch.required_from ?? null}::ticket_status else required_from end,
      visible_to_customers = coalesce(${patch.visible_to_customers ?? null}::boolean, visible_to_customers),
      position = coalesce(${patch.position ?? null}::integer, position)
    where id = ${id}`;
  await audit(tx, orgId, actor, { action: 'custom_field.update', targetType: 'custom_field', targetId: id, details: { key: field.key, ...patch } });
  return findField(tx, id);
}

/**
 * Archives a live field (DELETE /api/v1/custom-fields/:id): tickets keep their values for
 * history, but it is no longer shown, validated or required. Its key stays taken.
 *
 * @example
 * const archived = await archiveField(db, orgId, actor, id);
 */
export async function archiveField(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<FieldRow> {
  const [row] = await tx<{ key: string }[]>`update custom_fields set archived_at = now() where id = ${id} and archived_at is null returning key`;
  if (!row) throw new HttpError(404, 'not_found', t('error.custom_field_not_found', { id }));
  await audit(tx, orgId, actor, { action: 'custom_field.archive', targetType: 'custom_field', targetId: id, details: { key: row.key } });
  return findField(tx, id, { archived: true });
}

/**
 * Brings an archived field back, last in the display order, with the values tickets kept
 * (POST /api/v1/custom-fields/:id/unarchive). A live field stays as it is.
 *
 * @example
 * const field = await unarchiveField(db, orgId, actor, id);
 */
export async function unarchiveField(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<FieldRow> {
  const field = await findField(tx, id, { lock: true, archived: true });
  if (field.archived_at === null) return field;
  await tx`
    update custom_fields set archived_at = null,
      position = (select coalesce(max(position) + 1, 0) from custom_fields where archived_at is null)
    where id = ${id}`;
  await audit(tx, orgId, actor, { action: 'custom_field.unarchive', targetType: 'custom_field', targetId: id, details: { key: field.key } });
  return findField(tx, id);
}

/**
 * Swaps a live field with its neighbour in the display order, numbering the live fields 0, 1, …
 * so that equal positions (set through the API) cannot make a move do nothing. First moved up,
 * or last moved down, stays where it is.
 *
 * @example
 * await moveField(db, orgId, actor, id, 'up');
 */
export async function moveField(tx: TransactionSql, orgId: string, actor: AuditActor, id: string, direction: 'up' | 'down'): Promise<FieldRow> {
  const field = await findField(tx, id, { lock: true });
  const live = await tx<{ id: string; key: string }[]>`select id, key from custom_fields where archived_at is null order by position, key for update`;
  const i = live.findIndex((f) => f.id === id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= live.length) return field;
  [live[i], live[j]] = [live[j]!, live[i]!];
  await tx`
    update custom_fields f set position = o.n - 1
    from unnest(${live.map((f) => f.id)}::uuid[]) with ordinality as o(id, n) where f.id = o.id`;
  await audit(tx, orgId, actor, { action: 'custom_field.reorder', targetType: 'custom_field', targetId: id, details: { order: live.map((f) => f.key) } });
  return findField(tx, id);
}
