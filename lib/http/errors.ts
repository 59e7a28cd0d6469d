import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error a client can act on. Rendered as the JSON error shape from DESIGN.md:
 * `{"error": {"code", "message", "details"?}}`.
 *
 * @example
 * throw new HttpError(404, 'not_found', 'No ticket 42 in this organization');
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Sends an HttpError as JSON with its status and extra headers. */
export function sendError(c: Context, err: HttpError): Response {
  for (const [k, value] of Object.entries(err.headers ?? {})) c.header(k, value);
  return c.json(errorBody(err.code, err.message, err.details), err.status);
}
