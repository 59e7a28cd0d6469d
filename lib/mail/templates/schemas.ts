import * as v from 'valibot';
import { maxChars, notEmpty, oneOf } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import { TEMPLATE_KEYS } from './defaults.ts';

/** Input shapes of the template endpoints. */
export const templateKey = v.picklist(TEMPLATE_KEYS, oneOf(TEMPLATE_KEYS));
export const templateSubject = v.pipe(v.string(), v.minLength(1, notEmpty), v.maxLength(500, maxChars(500)));
export const templateBodyText = v.pipe(v.string(), v.minLength(1, notEmpty), v.maxLength(100_000, maxChars(100_000)));
export const templateBodyHtml = v.nullable(
  v.pipe(
    v.string(),
    v.minLength(1, () => t('validation.mail.html_not_empty')),
    v.maxLength(200_000, maxChars(200_000)),
  ),
);
