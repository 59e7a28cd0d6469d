import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type { EndpointDeclaration } from '#lib/router/endpoint.ts';

/** A valibot schema as endpoints declare them. */
export type Schema = NonNullable<EndpointDeclaration['body']>;

/**
 * Request schemas describe what a client sends (`input`: stop before a transform), responses what
 * it gets back (`output`). `errorMode: 'ignore'` drops what JSON Schema cannot say (trim, check,
 * transform) instead of throwing; definitions move to components so their `$ref`s resolve.
 */
export function jsonSchemaOf(schema: Schema, prefix: string, schemas: Record<string, JsonSchema>, typeMode: 'input' | 'output'): JsonSchema {
  // The converter is typed for sync schemas; an async schema has the same shape and `type`s.
  // `$schema` is dropped: inside an OpenAPI 3.1 document the dialect is already 2020-12.
  const { $schema, $defs, ...converted } = toJsonSchema(schema as Parameters<typeof toJsonSchema>[0], {
    target: 'draft-2020-12',
    typeMode,
    errorMode: 'ignore',
    overrideRef: ({ referenceId }) => `#/components/schemas/${prefix}${referenceId}`,
  });
  for (const [id, def] of Object.entries($defs ?? {})) schemas[`${prefix}${id}`] = typeof def === 'boolean' ? (def ? {} : { not: {} }) : def;
  return converted;
}

export function asSchema(value: JsonSchema | boolean | undefined): JsonSchema | undefined {
  return typeof value === 'boolean' ? {} : value;
}
