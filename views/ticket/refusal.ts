import { ruleViolation } from '#lib/db/errors.ts';
import { HttpError } from '#lib/http/errors.ts';

/**
 * The sentence to show on a page for a change that was refused for a reason a person can fix
 * (a 4xx, or a rule the database enforces); undefined for anything else, which the caller
 * rethrows. A 404 is not a refusal: the page itself is gone.
 *
 * @example
 * catch (err) { const message = refusal(err); if (!message) throw err; ... }
 */
export function refusal(err: unknown): string | undefined {
  if (err instanceof HttpError && err.status >= 400 && err.status < 500 && err.status !== 404) return err.message;
  const rule = ruleViolation(err);
  return rule ? `${rule.message[0]!.toUpperCase()}${rule.message.slice(1)}` : undefined;
}
