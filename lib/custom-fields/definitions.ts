import * as v from 'valibot';
import { maxChars, notEmpty, oneOf } from '#lib/http/validation-messages.ts';
import { sqlState } from '#lib/db/errors.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { status } from '#lib/tickets/model.ts';
import { PatternError, patternMatches, patternProblem, PATTERN_MAX_LENGTH } from './pattern.ts';
import { CUSTOM_FIELD_TYPES, type CustomFieldDef } from './values.ts';
import { t } from '#lib/i18n/translate.ts';

/** Types whose values are picked from `options`. */
export const CHOICE_TYPES: readonly string[] = ['dropdown', 'multi_select'];

/** Input shapes of a field definition, shared by create and update. */
export const fieldKey = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_]{0,62}$/, () => t('validation.field.key')),
);
export const fieldLabel = v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(200, maxChars(200)));
export const fieldType = v.picklist(CUSTOM_FIELD_TYPES, oneOf(CUSTOM_FIELD_TYPES));
export const fieldOptions = v.pipe(
  v.array(v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(100, maxChars(100)))),
  v.minLength(1, () => t('validation.field.some_option')),
  v.maxLength(500, () => t('validation.max_options', { max: 500 })),
  v.check(
    (xs) => new Set(xs).size === xs.length,
    () => t('validation.field.repeated_option'),
  ),
);
/** A regex field's pattern: RE2 syntax, small enough to run safely (lib/custom-fields/pattern.ts). */
export const fieldPattern = v.pipe(
  v.string(),
  v.minLength(1, notEmpty),
  v.maxLength(PATTERN_MAX_LENGTH, maxChars(PATTERN_MAX_LENGTH)),
  v.check(
    (p) => p.length > PATTERN_MAX_LENGTH || patternProblem(p) === null,
    (issue) => patternProblem(String(issue.input)) ?? '',
  ),
);
export const fieldRequiredFrom = v.nullable(status);
export const fieldPosition = v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000));

/**
 * Values are checked on RE2 (lib/custom-fields/pattern.ts), but a DBA or a report may
 * match the same pattern in SQL: refuse one that PostgreSQL cannot compile either. Runs in a
 * savepoint, so the failed statement does not abort the request's transaction.
 *
 * @example
 * if (body.pattern !== undefined) await assertPatternCompilesInPostgres(db, body.pattern);
 */
export async function assertPatternCompilesInPostgres(tx: TransactionSql, pattern: string): Promise<void> {
  try {
    await tx.savepoint((sp) => sp`select '' ~ ${pattern}`);
  } catch (err) {
    if (sqlState(err) !== '2201B') throw err;
    const reason = String((err as { message?: unknown }).message);
    throw new HttpError(400, 'validation_failed', t('validation.invalid_body_at', { path: 'pattern', message: t('error.problem.pattern_unusable', { reason }) }), [
      { path: 'pattern', message: reason },
    ]);
  }
}

/** A definition row with its archive date, as the API answers it. */
export type FieldRow = CustomFieldDef & { archived_at: Date | null; created_at: Date };

const FIELD_COLUMNS = 'id, key, label, type, options, pattern, required_from, visible_to_customers, position, archived_at, created_at';

/**
 * The org's definitions in display order: live ones, or all with `archived`; only those
 * visible to customers with `customerView`.
 *
 * @example
 * return { items: await listFieldRows(db, { archived: false, customerView: role === 'customer' }) };
 */
export async function listFieldRows(tx: TransactionSql, opts: { archived: boolean; customerView: boolean }): Promise<FieldRow[]> {
  return tx<FieldRow[]>`
    select ${tx.unsafe(FIELD_COLUMNS)} from custom_fields
    where (${opts.archived} or archived_at is null) and (not ${opts.customerView} or visible_to_customers)
    order by position, key limit 1000`;
}

/**
 * One live (not archived) definition, or with `archived` any; another org's id is a 404, by RLS.
 *
 * @example
 * const field = await findField(db, params.id, { lock: true });
 */
export async function findField(tx: TransactionSql, id: string, opts: { lock?: boolean; archived?: boolean } = {}): Promise<FieldRow> {
  const [row] = await tx<FieldRow[]>`
    select ${tx.unsafe(FIELD_COLUMNS)} from custom_fields
    where id = ${id} and (${opts.archived ?? false} or archived_at is null) ${opts.lock ? tx`for update` : tx``}`;
  if (!row) throw new HttpError(404, 'not_found', t('error.custom_field_not_found', { id }));
  return row;
}

/**
 * How many tickets hold any of `options` in this choice field. Used before an option is
 * removed, since a ticket still holding it would fail its next validation.
 *
 * @example
 * const n = await ticketsUsingOptions(db, field, ['Gold']);
 */
export async function ticketsUsingOptions(tx: TransactionSql, field: Pick<FieldRow, 'key' | 'type'>, options: readonly string[]): Promise<number> {
  if (!options.length) return 0;
  // Containment, so that the GIN index on custom_fields answers it.
  const shapes = options.map((o) => ({ [field.key]: field.type === 'multi_select' ? [o] : o }));
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from tickets
    where custom_fields @> any(select jsonb_array_elements(${tx.json(shapes as never)}))`;
  return row?.n ?? 0;
}

/**
 * How many tickets hold a value of this field that `pattern` does not match, tested on RE2
 * like the values themselves (lib/custom-fields/values.ts): such a ticket would fail its next
 * validation. Distinct values are tested once each; one too long to test counts as a misfit.
 *
 * @example
 * const n = await ticketsNotMatching(db, field, '^[A-Z]{2}-\\d+$');
 */
export async function ticketsNotMatching(tx: TransactionSql, field: Pick<FieldRow, 'key'>, pattern: string): Promise<number> {
  const rows = await tx<{ value: string; n: number }[]>`
    select custom_fields ->> ${field.key} as value, count(*)::int as n from tickets
    where jsonb_typeof(custom_fields -> ${field.key}) = 'string' group by 1`;
  const fits = (value: string) => {
    try {
      return patternMatches(pattern, value);
    } catch (err) {
      if (err instanceof PatternError) return false;
      throw err;
    }
  };
  return rows.filter((r) => !fits(r.value)).reduce((sum, r) => sum + r.n, 0);
}
