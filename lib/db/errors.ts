/**
 * Errors that mean "the database cannot be reached right now", as opposed to a bad query.
 * postgres.js reports socket problems with Node's codes and its own, and the server
 * reports shutdown and overload with SQLSTATE classes 08, 53 and 57P.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'ERR_SOCKET_CLOSED',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  '57P01', // admin_shutdown (also what pg_terminate_backend sends)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

/** How long a client is told to wait (Retry-After, seconds) when the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * True for an error that means the database is away (answer 503 with Retry-After), also when
 * it comes wrapped: as the `cause` of another error, or inside an AggregateError.
 *
 * @example
 * if (isConnectionError(err)) return c.json(body, 503);
 */
export function isConnectionError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionError(e, depth + 1))) return true;
  return isConnectionError(cause, depth + 1);
}

/** The SQLSTATE of a server error, if it is one. */
export function sqlState(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Rules the database enforces with a message written for people (sql/006_tickets.sql raises
 * them with these constraint names): their message is safe and useful to pass on as a 422.
 */
const RULE_CONSTRAINTS = new Set(['ticket_status_transition', 'ticket_required_custom_fields']);

export function ruleViolation(err: unknown): { constraint: string; message: string } | null {
  if (sqlState(err) !== '23514') return null;
  const constraint = (err as { constraint_name?: unknown }).constraint_name;
  if (typeof constraint !== 'string' || !RULE_CONSTRAINTS.has(constraint)) return null;
  return { constraint, message: String((err as { message?: unknown }).message) };
}
