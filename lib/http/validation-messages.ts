import { formatList, formatNumber } from '#lib/i18n/format.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * The words schemas refuse input with, shared by the API and the pages. Each is a function for
 * valibot's `message`, so the text is chosen when an input is checked, in that request's
 * reader's language, and not when the schema is built at module load.
 *
 * @example
 * const name = v.pipe(v.string(), v.minLength(1, notEmpty), v.maxLength(100, maxChars(100)));
 */
export const notEmpty = (): string => t('validation.not_empty');

/** A limit as digits, as an API client copies it into code ("at most 20000"). */
export const maxChars = (max: number) => (): string => t('validation.max_chars', { max });

/** A limit as the reader writes numbers ("60,000" / "60.000"), for the forms people fill in. */
export const maxCharsForPeople = (max: number) => (): string => t('validation.max_chars', { max: formatNumber(max) });

export const mustBeUuid = (): string => t('validation.uuid');
export const mustBeEmail = (): string => t('validation.email');
export const mustBeTimestamp = (): string => t('validation.iso_timestamp');
export const mustBeWholeNumber = (): string => t('validation.whole_number');
export const mustBeSequenceNumber = (): string => t('validation.sequence_number');
export const mustBeTimeZone = (): string => t('validation.time_zone');
export const sendAChange = (): string => t('validation.send_a_change');
export const sendBodyOrHtml = (): string => t('validation.body_or_html');

/** Codes a client sends as they are, listed as they are: "must be one of low, normal, high". */
export const oneOf = (values: readonly string[]) => (): string => t('validation.one_of', { values: values.join(', ') });

/** A few choices as a sentence: "must be on or off", "must be tls, starttls or none". */
export const mustBeAny = (choices: readonly string[]) => (): string => t('validation.must_be_any', { choices: formatList([...choices], 'disjunction') });

/** The fields a change may name, when it named none: "send name or round_robin". */
export const sendAny = (fields: readonly string[]) => (): string => t('validation.send_any', { fields: formatList([...fields], 'disjunction') });

/** A number within bounds, both included: "must be 1 to 200". */
export const between = (min: number, max: number) => (): string => t('validation.range', { min, max });

/** A deprecated paging parameter sent together with its replacement `cursor`. */
export const cursorOrDeprecated = (other: string) => (): string => t('validation.cursor_or_deprecated', { other });
