/**
 * Errors that mean "the database cannot be reached right now", as opposed to a bad query.
 * postgres.js reports socket problems with Node's codes and its own, and the server
 * reports shutdown and overload with SQLSTATE classes 08, 53 and 57P.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '53300', // too_many_connections
]);

export function isConnectionError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return CONNECTION_CODES.has(code) || code.startsWith('08');
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
