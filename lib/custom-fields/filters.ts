import * as v from 'valibot';
import type { TransactionSql } from '#lib/db/pool.ts';
import { type InputPart, invalidInput } from '#lib/http/invalid-input.ts';
import { loadCustomFields, valueSchema, type CustomFieldDef } from './values.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * The `cf.<key>` entries of a query string, keyed by field key, values untouched.
 *
 * @example
 * cfQueryParams({ status: 'open', 'cf.plan': 'gold' }); // { plan: 'gold' }
 */
export function cfQueryParams(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).flatMap(([name, value]) => (name.startsWith('cf.') ? [[name.slice(3), value]] : [])));
}

/**
 * Turns custom field filters into the jsonb that listTickets matches with `@>`, typed by the
 * org's definitions: a query string only carries text, and a text field holding "42" must not
 * be looked for as the number 42. A multi-select value becomes a one-element array, since jsonb
 * containment matches an element of a nested array only that way. Unknown keys and values the
 * field cannot hold are 400s (`source` names where they came from); `lenient` (a saved view
 * whose field was archived since) passes them through as they are instead.
 *
 * @example
 * const cf = await customFieldFilter(db, cfQueryParams(c.req.query()));
 * const page = await listTickets(db, who, query, cf);
 */
export async function customFieldFilter(
  tx: TransactionSql,
  raw: Record<string, unknown>,
  opts: { lenient?: boolean; customerView?: boolean; source?: { what: InputPart; prefix: string } } = {},
): Promise<Record<string, unknown>> {
  const { what, prefix } = opts.source ?? { what: 'query parameters', prefix: 'cf.' };
  const entries = Object.entries(raw);
  if (!entries.length) return {};
  // A customer must not probe their tickets for the values of fields hidden from them.
  const defs = new Map((await loadCustomFields(tx)).filter((d) => !opts.customerView || d.visible_to_customers).map((d) => [d.key, d]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const def = defs.get(key);
    const problem = def ? checkValue(def, value) : { message: t('validation.field.unknown') };
    if ('output' in problem) out[key] = problem.output;
    else if (opts.lenient) out[key] = value;
    else throw invalidInput(what, [{ path: `${prefix}${key}`, message: problem.message }]);
  }
  return out;
}

function checkValue(def: CustomFieldDef, value: unknown): { output: unknown } | { message: string } {
  const parsed = v.safeParse(valueSchema(def), coerce(def, value));
  if (!parsed.success) return { message: parsed.issues[0].message };
  return parsed.output === null ? { message: t('validation.field.not_null') } : { output: parsed.output };
}

function coerce(def: CustomFieldDef, value: unknown): unknown {
  switch (def.type) {
    case 'integer':
    case 'decimal':
      return typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    case 'checkbox':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'multi_select':
      return Array.isArray(value) ? value : [value];
    default:
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
}
