import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every `code` an error answer can carry, with its one HTTP status. A client can switch on the
 * code alone; the OpenAPI document lists these (lib/openapi/errors.ts). A new code is added here
 * first: HttpError refuses, at type-check time, a code not in this table or a status that is not its own.
 */
export const ERRORS = {
  // 400: the request itself is malformed or incomplete.
  bad_request: 400,
  body_incomplete: 400,
  code_mismatch: 400,
  file_missing: 400,
  invalid_cursor: 400,
  invalid_form: 400,
  invalid_idempotency_key: 400,
  invalid_input: 400,
  invalid_json: 400,
  invalid_multipart: 400,
  invalid_token: 400,
  password_required: 400,
  too_many_files: 400,
  validation_failed: 400,
  weak_password: 400,
  // 401: no valid credentials, or a failed sign-in step.
  invalid_code: 401,
  invalid_credentials: 401,
  invalid_mfa_token: 401,
  invalid_refresh_token: 401,
  unauthenticated: 401,
  // 403: signed in, but not allowed.
  csrf_rejected: 403,
  forbidden: 403,
  ip_not_allowed: 403,
  mfa_enrollment_required: 403,
  // 404, 405, 410
  holiday_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  file_gone: 410,
  // 409: conflicts with the current state.
  allowlist_excludes_you: 409,
  already_member: 409,
  calendar_exists: 409,
  calendar_in_use: 409,
  conflict: 409,
  custom_field_exists: 409,
  holiday_exists: 409,
  idempotency_in_progress: 409,
  last_owner: 409,
  link_exists: 409,
  mailbox_exists: 409,
  mfa_already_enabled: 409,
  mfa_required_by_org: 409,
  not_resendable: 409,
  option_in_use: 409,
  own_membership: 409,
  pattern_in_use: 409,
  team_exists: 409,
  template_exists: 409,
  // 413, 415: the body is too large or not a kind this route takes.
  payload_too_large: 413,
  quota_exceeded: 413,
  unsupported_media_type: 415,
  // 422: well-formed, but the rules of the desk refuse it.
  calendar_never_open: 422,
  custom_fields_required: 422,
  idempotency_key_reused: 422,
  imap_incomplete: 422,
  invalid_assignee: 422,
  invalid_follower: 422,
  invalid_language: 422,
  invalid_member: 422,
  invalid_message: 422,
  invalid_reference: 422,
  invalid_team: 422,
  invalid_template: 422,
  invalid_transition: 422,
  invalid_view: 422,
  merge_self: 422,
  not_customer: 422,
  options_not_allowed: 422,
  pattern_not_allowed: 422,
  personal_needs_person: 422,
  requester_differs: 422,
  self_link: 422,
  sla_calendar_unusable: 422,
  sla_target_unreachable: 422,
  ticket_closed: 422,
  ticket_merged: 422,
  // 429, 5xx
  too_many_attempts: 429,
  internal_error: 500,
  database_unavailable: 503,
  kv_unavailable: 503,
  rate_limit_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERRORS;

/** The status ERRORS gives a code (or each of a union of codes). */
export type StatusOf<C extends ErrorCode> = (typeof ERRORS)[C];

/**
 * An error a client can act on. Rendered as the JSON error shape from DESIGN.md:
 * `{"error": {"code", "message", "details"?}}`. The status is written at the throw for the
 * reader, and must be the one ERRORS gives the code. The code is a stable English identifier; the
 * message is the catalogue's (error.*), written at the throw in the request's reader's language.
 *
 * @example
 * throw new HttpError(404, 'not_found', t('error.ticket_not_found', { number: '42' }));
 */
export class HttpError<C extends ErrorCode = ErrorCode> extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: StatusOf<C>,
    readonly code: C,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Sends an HttpError as JSON with its status and extra headers. */
export function sendError(c: Context, err: HttpError): Response {
  for (const [k, value] of Object.entries(err.headers ?? {})) c.header(k, value);
  return c.json(errorBody(err.code, err.message, err.details), err.status);
}
