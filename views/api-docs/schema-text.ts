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

/** Length, item and value ranges, pattern and default, as one line. */
export function constraints(s: JsonSchema): string {
  const out = [range('length', s.minLength, s.maxLength), range('items', s.minItems, s.maxItems), range('value', s.minimum, s.maximum)];
  if (s.pattern) out.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out.filter(Boolean).join(', ');
}

function range(what: string, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${what} ${min}–${max}`;
  if (min !== undefined) return `${what} ≥ ${min}`;
  return max !== undefined ? `${what} ≤ ${max}` : '';
}
