import * as v from 'valibot';
import { readMe } from '#lib/auth/me.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { saveOwnPreferences } from '#lib/i18n/own-preferences.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * PATCH /api/v1/me — `{locale?, time_zone?}`: the caller's own language and time zone, in every
 * org they belong to; null goes back to the org's. Answers as GET /api/v1/me.
 */
export default endpoint({
  auth: 'signed-in',
  duringMfaSetup: true,
  body: v.strictObject({ locale: v.optional(v.nullable(localeSchema)), time_zone: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(64)))) }),
  async handler({ db, caller, body }) {
    await saveOwnPreferences(db, caller.userId, body);
    return readMe(db, caller);
  },
});
