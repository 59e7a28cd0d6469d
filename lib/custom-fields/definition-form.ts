import { checkAgainst } from '#lib/pages/form-errors.ts';
import { firstSegmentOr } from '#lib/http/schema-issues.ts';
import { statusLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import { TICKET_STATUSES } from '#lib/tickets/model.ts';
import { FieldPatchBody, type FieldPatch } from './changes.ts';
import { CHOICE_TYPES, type FieldRow } from './definitions.ts';

/** The choices of "Required once the ticket is", in the reader's words: never, or from a status on (statuses run in this order). */
export function requiredFromChoices(): readonly (readonly [string, string])[] {
  return [['', t('admin_fields.required.never')], ...TICKET_STATUSES.map((s) => [s, s === 'new' ? t('admin_fields.required.new_always') : statusLabel(s)] as const)];
}

/** When a field is required, in words: 'No', or 'From Solved'. */
export function requiredWords(requiredFrom: string | null): string {
  return requiredFrom ? t('admin_fields.required.from', { status: statusLabel(requiredFrom) }) : t('common.no');
}

/** A choice field's options as the form shows them: one per line. */
const optionLines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** What the edit form shows for a stored field. */
export function fieldFormValues(f: FieldRow): Record<string, string> {
  const values: Record<string, string> = { label: f.label, options: f.options.join('\n'), pattern: f.pattern ?? '', required_from: f.required_from ?? '' };
  if (f.visible_to_customers) values.visible_to_customers = 'on';
  return values;
}

/**
 * The edit form checked as PATCH /api/v1/custom-fields/:id's body: label, who sees it and when
 * it is required always; the options of a choice field (one per line) and the pattern of a
 * regex field only for those types. Refused, each message is keyed by the form field.
 *
 * @example
 * const checked = checkFieldForm(values, field);
 * if (checked.ok) await updateField(tx, orgId, actor, field.id, checked.value);
 */
export function checkFieldForm(values: Record<string, string>, field: FieldRow): { ok: true; value: FieldPatch } | { ok: false; errors: Record<string, string> } {
  const candidate: Record<string, unknown> = {
    label: values.label ?? '',
    required_from: values.required_from ? values.required_from : null,
    visible_to_customers: values.visible_to_customers === 'on',
  };
  if (CHOICE_TYPES.includes(field.type)) candidate.options = optionLines(values.options);
  if (field.type === 'regex') candidate.pattern = values.pattern ?? '';
  return checkAgainst(FieldPatchBody, candidate, firstSegmentOr('label'));
}
