import type * as v from 'valibot';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { MACRO_COLUMNS, type MacroCreate, type MacroPatch, type MacroRow } from './model.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * The macros the caller may use: the org's shared ones and their own (RLS picks them), shared
 * first, then by name.
 *
 * @example
 * const macros = await listMacros(db);
 */
export async function listMacros(tx: TransactionSql): Promise<MacroRow[]> {
  return tx<MacroRow[]>`select ${tx.unsafe(MACRO_COLUMNS)} from macros order by owner_user_id nulls first, lower(name), id limit 1000`;
}

/**
 * One macro the caller may use; another org's, or another person's personal one, is a 404.
 *
 * @example
 * const macro = await findMacro(db, id);
 */
export async function findMacro(tx: TransactionSql, id: string): Promise<MacroRow> {
  const [row] = await tx<MacroRow[]>`select ${tx.unsafe(MACRO_COLUMNS)} from macros where id = ${id}`;
  if (!row) throw new HttpError(404, 'not_found', t('error.macro_not_found', { id }));
  return row;
}

/**
 * Creates a macro; a shared one needs a lead, admin or owner (RLS refuses others: 403).
 *
 * @example
 * const macro = await createMacro(db, orgId, userId, { name: 'Thanks', body: 'Hi {{requester.first_name}}', shared: true });
 */
export async function createMacro(tx: TransactionSql, orgId: string, userId: string | null, input: v.InferOutput<typeof MacroCreate>): Promise<MacroRow> {
  if (!input.shared && !userId) throw new HttpError(422, 'personal_needs_person', t('error.macro_personal_needs_person'));
  const [row] = await tx<MacroRow[]>`
    insert into macros (org_id, owner_user_id, name, body, internal, set_status, set_priority, add_tags, created_by)
    values (${orgId}, ${input.shared ? null : userId}, ${input.name}, ${input.body}, ${input.internal},
            ${input.set_status}::ticket_status, ${input.set_priority}::ticket_priority, ${[...new Set(input.add_tags)]}::text[], ${userId})
    returning ${tx.unsafe(MACRO_COLUMNS)}`;
  return row!;
}

/**
 * Changes a macro the caller may write: one they can see but not change (a shared one, for an
 * agent) is 403, one they cannot see 404.
 *
 * @example
 * const macro = await updateMacro(db, id, { name: 'Renamed' });
 */
export async function updateMacro(tx: TransactionSql, id: string, patch: v.InferOutput<typeof MacroPatch>): Promise<MacroRow> {
  await findMacro(tx, id);
  const [row] = await tx<MacroRow[]>`
    update macros set
      name = coalesce(${patch.name ?? null}, name),
      body = coalesce(${patch.body ?? null}, body),
      internal = coalesce(${patch.internal ?? null}, internal),
      set_status = case when ${patch.set_status !== undefined} then ${patch.set_status ?? null}::ticket_status else set_status end,
      set_priority = case when ${patch.set_priority !== undefined} then ${patch.set_priority ?? null}::ticket_priority else set_priority end,
      add_tags = coalesce(${patch.add_tags ? [...new Set(patch.add_tags)] : null}::text[], add_tags),
      updated_at = now()
    where id = ${id}
    returning ${tx.unsafe(MACRO_COLUMNS)}`;
  if (!row) throw new HttpError(403, 'forbidden', t('error.macro_change_forbidden'));
  return row;
}

/**
 * Deletes a macro the caller may write (403 for one they only see, 404 for one they do not).
 *
 * @example
 * await deleteMacro(db, id);
 */
export async function deleteMacro(tx: TransactionSql, id: string): Promise<void> {
  await findMacro(tx, id);
  const rows = await tx`delete from macros where id = ${id} returning id`;
  if (!rows.length) throw new HttpError(403, 'forbidden', t('error.macro_delete_forbidden'));
}
