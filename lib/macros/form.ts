import type { Role } from '#lib/db/tenant.ts';
import { checkAgainst } from '#lib/pages/form-errors.ts';
import { firstSegmentOr } from '#lib/http/schema-issues.ts';
import { MacroCreate, MacroPatch, type MacroRow } from './model.ts';
import type * as v from 'valibot';

/**
 * Roles that write shared macros. The database decides (app.may_write_macro, sql/014); the page
 * reads this only to offer the controls that would work.
 */
const SHARED_WRITERS: readonly Role[] = ['lead', 'admin', 'owner'];
export const mayWriteShared = (role: Role) => SHARED_WRITERS.includes(role);

/** Whether the signed-in person may change this macro: their own, or a shared one if their role writes those. */
export const mayWrite = (m: MacroRow, me: { userId: string; role: Role }) => (m.owner_user_id === null ? mayWriteShared(me.role) : m.owner_user_id === me.userId);

/** What the macro form shows for a stored macro. */
export function macroFormValues(m: MacroRow): Record<string, string> {
  const values: Record<string, string> = { name: m.name, body: m.body, set_status: m.set_status ?? '', set_priority: m.set_priority ?? '', add_tags: m.add_tags.join(', ') };
  if (m.internal) values.internal = 'on';
  return values;
}

/** The form as the API's JSON body: blank status or priority leaves the ticket's alone, tags by commas or spaces. */
function candidate(values: Record<string, string>): Record<string, unknown> {
  return {
    name: values.name ?? '',
    body: values.body ?? '',
    internal: values.internal === 'on',
    set_status: values.set_status || null,
    set_priority: values.set_priority || null,
    add_tags: (values.add_tags ?? '').split(/[\s,]+/).filter(Boolean),
  };
}

const place = firstSegmentOr('name');

/**
 * The new-macro form checked as POST /api/v1/macros's body; `shared` only when ticked.
 *
 * @example
 * const checked = checkNewMacro(values);
 * if (checked.ok) await createMacro(tx, orgId, userId, checked.value);
 */
export function checkNewMacro(values: Record<string, string>): { ok: true; value: v.InferOutput<typeof MacroCreate> } | { ok: false; errors: Record<string, string> } {
  return checkAgainst(MacroCreate, { ...candidate(values), shared: values.shared === 'on' }, place);
}

/**
 * The edit form checked as PATCH /api/v1/macros/:id's body (every field; who owns it does not change).
 *
 * @example
 * const checked = checkMacroForm(values);
 * if (checked.ok) await updateMacro(tx, id, checked.value);
 */
export function checkMacroForm(values: Record<string, string>): { ok: true; value: v.InferOutput<typeof MacroPatch> } | { ok: false; errors: Record<string, string> } {
  return checkAgainst(MacroPatch, candidate(values), place);
}
