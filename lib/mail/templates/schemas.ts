import * as v from 'valibot';
import { TEMPLATE_KEYS } from './defaults.ts';

/** Input shapes of the template endpoints. */
export const templateKey = v.picklist(TEMPLATE_KEYS, `must be one of ${TEMPLATE_KEYS.join(', ')}`);
export const templateSubject = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(500, 'must be at most 500 characters'));
export const templateBodyText = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(100_000, 'must be at most 100000 characters'));
export const templateBodyHtml = v.nullable(v.pipe(v.string(), v.minLength(1, 'must not be empty (send null for text-only mail)'), v.maxLength(200_000, 'must be at most 200000 characters')));
