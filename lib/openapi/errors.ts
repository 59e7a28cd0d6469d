import type { JsonSchema } from '@valibot/to-json-schema';

/** The standard error answers, by status: the component name and what it means. */
export const ERROR_RESPONSES = {
  400: ['BadRequest', 'Invalid input: `validation_failed` (with `details`), `invalid_json` and the like'],
  401: ['Unauthorized', 'No valid credentials (`unauthenticated`), or a failed sign-in'],
  403: ['Forbidden', 'Signed in, but not allowed: `forbidden`, `ip_not_allowed`, `mfa_enrollment_required`, `csrf_rejected`'],
  404: ['NotFound', 'No such row in the caller’s organization (another organization’s id included)'],
  409: ['Conflict', 'The request conflicts with the current state, e.g. something that already exists'],
  429: ['TooManyRequests', 'Throttled (`too_many_attempts`); `Retry-After` says when to try again'],
  503: ['ServiceUnavailable', 'The database (`database_unavailable`) or Redis (`kv_unavailable`, `rate_limit_unavailable` for sign-in) cannot be reached right now; `Retry-After` says when to try again'],
} as const;

export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { description: 'For `validation_failed`: a list of `{path, message}`' } },
    },
  },
};

/**
 * The standard error answers as OpenAPI components, each pointing at the `Error` schema.
 *
 * @example
 * const responses = errorComponents(); // { BadRequest: {...}, ..., TooManyRequests: {..., headers} }
 */
export function errorComponents() {
  return Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, [name, description]]) => [
      name,
      {
        description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        ...(status === '429' || status === '503' ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      },
    ]),
  );
}
