import * as v from 'valibot';
import { maxChars, mustBeEmail, mustBeUuid, notEmpty } from './validation-messages.ts';

/** Input shapes several endpoints share. */
export const uuid = v.pipe(v.string(), v.uuid(mustBeUuid));
export const idParams = v.object({ id: uuid });
export const email = v.pipe(v.string(), v.trim(), v.maxLength(254, maxChars(254)), v.email(mustBeEmail));
export const orgSlug = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1, notEmpty), v.maxLength(63, maxChars(63)));
/** Long enough for any allowed password; the policy itself is lib/auth/password.ts. */
export const password = v.pipe(v.string(), v.minLength(1, notEmpty), v.maxLength(1024, maxChars(1024)));
export const secondFactorCode = v.pipe(v.string(), v.minLength(1, notEmpty), v.maxLength(64, maxChars(64)));
