import * as v from 'valibot';

/** Input shapes several endpoints share. */
export const uuid = v.pipe(v.string(), v.uuid('must be a UUID'));
export const idParams = v.object({ id: uuid });
export const email = v.pipe(v.string(), v.trim(), v.maxLength(254, 'must be at most 254 characters'), v.email('must be an email address'));
export const orgSlug = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1, 'must not be empty'), v.maxLength(63, 'must be at most 63 characters'));
/** Long enough for any allowed password; the policy itself is lib/auth/password.ts. */
export const password = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(1024, 'must be at most 1024 characters'));
export const secondFactorCode = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(64, 'must be at most 64 characters'));
