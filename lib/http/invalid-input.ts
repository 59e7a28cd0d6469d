import { t } from '#lib/i18n/translate.ts';
import { HttpError } from './errors.ts';
import type { IssueDetail } from './schema-issues.ts';

/** The part of a request an input check refused. */
export type InputPart = 'request body' | 'query parameters' | 'path parameters';

/**
 * The 400 for a refused input: `validation_failed`, the first detail framed as one sentence
 * ("Invalid request body: subject: must not be empty"), and every detail for a client to show
 * beside its fields. Written in the current reader's language, as the details already are.
 *
 * @example
 * throw invalidInput('request body', issueDetails(result.issues, 'filters.'));
 */
export function invalidInput(part: InputPart, details: IssueDetail[]): HttpError {
  return new HttpError(400, 'validation_failed', refusalMessage(part, details), details);
}

/** The sentence of invalidInput: the first detail, framed by the part of the request it is in. */
export function refusalMessage(part: InputPart, details: IssueDetail[]): string {
  const first = details[0];
  return framed(part, first?.path ?? '', first?.message ?? t('validation.invalid'));
}

function framed(part: InputPart, path: string, message: string): string {
  switch (part) {
    case 'request body':
      return path ? t('validation.invalid_body_at', { path, message }) : t('validation.invalid_body', { message });
    case 'query parameters':
      return path ? t('validation.invalid_query_at', { path, message }) : t('validation.invalid_query', { message });
    case 'path parameters':
      return path ? t('validation.invalid_params_at', { path, message }) : t('validation.invalid_params', { message });
  }
}
