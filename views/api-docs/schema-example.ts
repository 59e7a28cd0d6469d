import type { JsonSchema } from '@valibot/to-json-schema';
import { resolve } from './schema-text.ts';

/** A plausible value for a schema: what a reader would type, not a random instance. */
export function exampleOf(raw: JsonSchema, schemas: Record<string, JsonSchema>, depth = 0): unknown {
  const s = resolve(raw, schemas);
  if (depth > 8) return null;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const option = (s.anyOf ?? s.oneOf ?? s.allOf)?.find((o): o is JsonSchema => typeof o === 'object' && o.type !== 'null');
  if (option) return exampleOf(option, schemas, depth + 1);
  switch (Array.isArray(s.type) ? s.type[0] : s.type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, typeof p === 'boolean' ? null : exampleOf(p, schemas, depth + 1)]));
    case 'array':
      return typeof s.items === 'object' && !Array.isArray(s.items) ? [exampleOf(s.items, schemas, depth + 1)] : [];
    case 'string':
      return STRING_EXAMPLES[s.format ?? ''] ?? 'text';
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

const STRING_EXAMPLES: Record<string, string> = {
  email: 'ada@example.com',
  uuid: '0b5c3f6e-8d2a-4c1e-9f7b-2a6d4e8c1b3f',
  'date-time': '2026-01-31T12:00:00Z',
  date: '2026-01-31',
  uri: 'https://example.com/',
  binary: '<file>',
};
