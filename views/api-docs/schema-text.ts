import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import type { JsonSchema } from '@valibot/to-json-schema';

/** A `$ref` to a component schema, followed; any other schema as is. */
export function resolve(s: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  const ref = s.$ref?.replace('#/components/schemas/', '');
  return ref !== undefined ? (schemas[ref] ?? {}) : s;
}

/** A short type for a reader: `string (email)`, `"a" | "b"`, `integer[]`. */
export function typeLabel(raw: JsonSchema, schemas: Record<string, JsonSchema>): string {
  const s = resolve(raw, schemas);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' | ');
  const options = s.anyOf ?? s.oneOf;
  if (options) return options.map((o) => (typeof o === 'boolean' ? 'any' : typeLabel(o, schemas))).join(' | ');
  if (s.type === 'array') return `${typeof s.items === 'object' && !Array.isArray(s.items) ? typeLabel(s.items, schemas) : 'any'}[]`;
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  return s.format ? `${type} (${s.format})` : type;
}

/** The words of each range: between two bounds, from one, up to one. Keys written out for the catalogue check. */
const RANGE: Record<'length' | 'items' | 'value', { between: MessageKey; min: MessageKey; max: MessageKey }> = {
  length: { between: 'api_docs.constraint.length_between', min: 'api_docs.constraint.length_min', max: 'api_docs.constraint.length_max' },
  items: { between: 'api_docs.constraint.items_between', min: 'api_docs.constraint.items_min', max: 'api_docs.constraint.items_max' },
  value: { between: 'api_docs.constraint.value_between', min: 'api_docs.constraint.value_min', max: 'api_docs.constraint.value_max' },
};

/** Length, item and value ranges, pattern and default, as one line in the reader's language. */
export function constraints(s: JsonSchema): string {
  const out = [range('length', s.minLength, s.maxLength), range('items', s.minItems, s.maxItems), range('value', s.minimum, s.maximum)];
  if (s.pattern) out.push(t('api_docs.constraint.pattern', { pattern: s.pattern }));
  if (s.default !== undefined) out.push(t('api_docs.constraint.default', { value: JSON.stringify(s.default) }));
  return out.filter(Boolean).join(', ');
}

/** Bounds are passed as text: a limit is shown as the schema states it (65535, not 65,535). */
function range(what: keyof typeof RANGE, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return t(RANGE[what].between, { min: String(min), max: String(max) });
  if (min !== undefined) return t(RANGE[what].min, { min: String(min) });
  return max !== undefined ? t(RANGE[what].max, { max: String(max) }) : '';
}
