import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { ruleViolation } from '#lib/db/errors.ts';
import { ruleMessage } from '#lib/db/rule-message.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { fieldErrors, type PlaceIssue } from '#lib/http/schema-issues.ts';

/** A refused change, as a page shows it: the status to answer with, and the reason in two shapes. */
export interface Refusal {
  status: ContentfulStatusCode;
  /** The whole reason in one sentence, for a page with no field to show it beside (a ticket's sidebar). */
  reason: string;
  /** One message per form field. */
  errors: Record<string, string>;
  /** The message for the form as a whole: the reason, when no field took it. */
  message: string | undefined;
}

/**
 * The one reading of a refusal a person can act on, for every page: an HttpError below 500 from
 * the API's library (validation `details` beside the form's fields by their path's first segment,
 * other codes by `fieldFor`, the rest as one message for the form), or a rule the database
 * enforces (lib/db/errors.ts), a 422 in its own words. Anything else is rethrown, so a real
 * failure stays a 500.
 *
 * @example
 * catch (err) { const refused = refusal(err); if (refused.status === 404) throw err; return again(refused.reason); }
 */
export function refusal(err: unknown, fieldFor: Record<string, string> = {}): Refusal {
  const rule = ruleViolation(err);
  if (rule) {
    const reason = ruleMessage(rule);
    return { status: 422, reason, errors: {}, message: reason };
  }
  if (!(err instanceof HttpError) || err.status >= 500) throw err;
  const errors: Record<string, string> = {};
  if (Array.isArray(err.details)) {
    for (const d of err.details as { path?: unknown; message?: unknown }[]) {
      // A ticket's custom field `custom_fields.plan` is the form's `cf_plan` input.
      const path = typeof d.path === 'string' ? d.path.split('.') : [];
      const field = path[0] === 'custom_fields' && path[1] ? `cf_${path[1]}` : path[0];
      if (field && typeof d.message === 'string') errors[field] ??= d.message;
    }
  }
  const field = fieldFor[err.code];
  if (field && !errors[field]) errors[field] = err.message;
  return { status: err.status, reason: err.message, errors, message: Object.keys(errors).length ? undefined : err.message };
}

/**
 * Runs one change in a savepoint: done, its result; refused (see refusal: a 4xx from the library
 * or a database rule), the change is rolled back to the savepoint and the refusal returned, so
 * the page can still read and re-render in the same transaction. Anything else propagates.
 *
 * @example
 * const done = await attempt(db, (sp) => createTeam(sp, ...), { team_exists: 'name' });
 * if (!done.ok) return c.html(<TeamsBody ... state={{ errors: done.errors }} />, done.status);
 */
export async function attempt<T>(tx: TransactionSql, change: (sp: TransactionSql) => Promise<T>, fieldFor: Record<string, string> = {}): Promise<{ ok: true; value: T } | ({ ok: false } & Refusal)> {
  try {
    return { ok: true, value: (await tx.savepoint((sp) => change(sp))) as T };
  } catch (err) {
    return { ok: false, ...refusal(err, fieldFor) };
  }
}

/**
 * Checks what a form says against the API's own schema, so a page refuses exactly what the API
 * refuses; each issue lands beside the field `place` names (the first one per field wins).
 *
 * @example
 * const checked = checkAgainst(CalendarInput, candidate, (path, message) => [path.split('.')[0] || 'weekly', message]);
 * if (!checked.ok) return again(422, checked.errors);
 */
export function checkAgainst<S extends v.GenericSchema>(schema: S, candidate: unknown, place: PlaceIssue): { ok: true; value: v.InferOutput<S> } | { ok: false; errors: Record<string, string> } {
  const parsed = v.safeParse(schema, candidate);
  if (parsed.success) return { ok: true, value: parsed.output };
  return { ok: false, errors: fieldErrors(parsed.issues, place) };
}
