import type { JsonSchema } from '@valibot/to-json-schema';
import { type ErrorCode, ERRORS } from '#lib/http/errors.ts';

/** The standard error answers, by status: the component name and what it means (its codes are added from ERRORS). */
export const ERROR_RESPONSES = {
  400: ['BadRequest', 'Invalid input; `validation_failed` comes with `details`'],
  401: ['Unauthorized', 'No valid credentials, or a failed sign-in'],
  403: ['Forbidden', 'Signed in, but not allowed'],
  404: ['NotFound', 'No such row in the caller’s organization (another organization’s id included)'],
  409: ['Conflict', 'The request conflicts with the current state, e.g. something that already exists'],
  413: ['PayloadTooLarge', 'The body, or the organization’s attachment storage, is over its limit'],
  415: ['UnsupportedMediaType', 'The body is not of a type this operation takes'],
  422: ['UnprocessableContent', 'Well-formed, but refused by the desk’s rules (a closed ticket, a name from another organization, …)'],
  429: ['TooManyRequests', 'Throttled; `Retry-After` says when to try again'],
  503: ['ServiceUnavailable', 'The database or Redis cannot be reached right now; `Retry-After` says when to try again'],
} as const;

const CODES = Object.keys(ERRORS) as ErrorCode[];

export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: CODES, description: 'Stable and meant for programs; each code always comes with the same status' },
        message: { type: 'string' },
        details: { description: 'For `validation_failed`: a list of `{path, message}`' },
      },
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
        description: `${description}. Codes: ${codesOf(Number(status))
          .map((code) => `\`${code}\``)
          .join(', ')}.`,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        ...(status === '429' || status === '503' ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      },
    ]),
  );
}

function codesOf(status: number): ErrorCode[] {
  return CODES.filter((code) => ERRORS[code] === status);
}
