import * as v from 'valibot';

/**
 * `?cursor=`, how every paged list goes on: the `next_cursor` its previous page answered
 * (lib/http/cursor.ts). Left out, the first page.
 */
export const cursorParam = v.optional(v.pipe(v.string(), v.description('Where to go on: the `next_cursor` of the previous page. Leave it out for the first page.'), v.maxLength(200)));

/**
 * Marks a query parameter that `cursor` replaced and that is kept for one release: `deprecated`
 * in the OpenAPI document, with what to send instead. Put it before any transform in the pipe,
 * where the document still reads it.
 *
 * @example
 * before: v.optional(v.pipe(v.string(), deprecatedFor('cursor'), v.regex(/^\d{1,18}$/)))
 */
export function deprecatedFor(instead: string): v.MetadataAction<string, { deprecated: true; description: string }> {
  return v.metadata<string, { deprecated: true; description: string }>({ deprecated: true, description: `Deprecated, kept for one release: send \`${instead}\` instead.` });
}
