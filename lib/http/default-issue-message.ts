import * as v from 'valibot';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';

/** valibot's labels of the checks this app leaves unworded, with the catalogue's words for them. */
const INVALID: Record<string, MessageKey> = {
  type: 'validation.default.invalid_type',
  key: 'validation.default.invalid_key',
  value: 'validation.default.invalid_value',
  length: 'validation.default.invalid_length',
  input: 'validation.default.invalid_input',
  item: 'validation.default.invalid_item',
  format: 'validation.default.invalid_format',
  email: 'validation.default.invalid_email',
  integer: 'validation.default.invalid_integer',
  date: 'validation.default.invalid_date',
  timestamp: 'validation.default.invalid_timestamp',
  UUID: 'validation.default.invalid_uuid',
};

/**
 * valibot's own message for an issue no schema worded ("Invalid type: Expected string but
 * received 42"), in the reader's language. valibot writes its English before asking for this,
 * and that text is the only place its label ("type", "length") is kept, so it is read from there.
 */
function defaultIssueMessage(issue: v.BaseIssue<unknown>): string {
  const label = /^Invalid (.+?): (?:Expected |Received )/.exec(issue.message)?.[1];
  if (label === undefined) return issue.message;
  const key = INVALID[label];
  const invalid = key ? t(key) : t('validation.default.invalid_other', { label });
  return issue.expected ? t('validation.default.expected', { invalid, expected: issue.expected, received: issue.received }) : t('validation.default.received', { invalid, received: issue.received });
}

/**
 * Makes defaultIssueMessage valibot's message for every language. Called once, where every
 * refused input is reported (lib/http/schema-issues.ts); the words are still chosen per issue.
 */
export function wordValibotDefaults(): void {
  v.setGlobalMessage(defaultIssueMessage);
}
