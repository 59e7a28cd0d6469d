import * as v from 'valibot';
import { t } from '#lib/i18n/translate.ts';
import { wordValibotDefaults } from './default-issue-message.ts';

// Every refused input a request reports comes through this module, so valibot's own words are
// set up here, before the first check; they are still written per issue, in its reader's language.
wordValibotDefaults();

/** What a failed valibot parse hands back. */
export type SchemaIssues = readonly v.BaseIssue<unknown>[];

/** One refused value as the API reports it in an error's `details`. */
export interface IssueDetail {
  path: string;
  message: string;
}

/** Where one schema issue goes on a form: the field to show it beside, and the words to show. */
export type PlaceIssue = (path: string, message: string) => readonly [field: string, message: string];

/**
 * The API's `details` for a refused input: each issue's dotted path (`''` for the input as a
 * whole), after `prefix` when the schema checked only part of the body.
 *
 * @example
 * issueDetails(result.issues, 'custom_fields.'); // [{ path: 'custom_fields.plan', message: 'Invalid option' }]
 */
export function issueDetails(issues: SchemaIssues, prefix = ''): IssueDetail[] {
  return issues.map((issue) => ({ path: `${prefix}${v.getDotPath(issue) ?? ''}`, message: issue.message }));
}

/**
 * One message per form field for a refused form: each issue goes where `place` says (by default
 * its whole dotted path), and the first one per field wins. A value left out altogether reads
 * "is required" rather than valibot's words about `undefined`, which a person cannot act on.
 *
 * @example
 * fieldErrors(parsed.issues, firstSegmentOr('name')); // { name: 'is required', expires_on: 'must be in the future' }
 */
export function fieldErrors(issues: SchemaIssues, place: PlaceIssue = (path, message) => [path, message]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [field, message] = place(v.getDotPath(issue) ?? '', issue.received === 'undefined' ? t('validation.required') : issue.message);
    errors[field] ??= message;
  }
  return errors;
}

/**
 * Places an issue beside the form field its path starts with (`tags.2` is `tags`), `fallback`
 * when it concerns the input as a whole; `renamed` maps a schema key to the form's own name.
 *
 * @example
 * fieldErrors(issues, firstSegmentOr('name', { expires_at: 'expires_on' }));
 */
export function firstSegmentOr(fallback: string, renamed: Record<string, string> = {}): PlaceIssue {
  return (path, message) => {
    const field = path.split('.')[0] || fallback;
    return [renamed[field] ?? field, message];
  };
}

/**
 * Places an issue beside the field named by its whole path, `fallback` when it concerns the
 * input as a whole.
 *
 * @example
 * fieldErrors(issues, pathOr('action'));
 */
export function pathOr(fallback: string): PlaceIssue {
  return (path, message) => [path || fallback, message];
}
