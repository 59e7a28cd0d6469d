import * as v from 'valibot';
import { notEmpty } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import { autocloseDays, cidrEntry, orgSettings, searchLanguage, updateOrg } from '#lib/orgs/settings.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(200))),
    settings: v.optional(orgSettings),
    require_2fa: v.optional(v.boolean()),
    ip_allowlist: v.optional(v.pipe(v.array(cidrEntry), v.maxLength(200))),
    search_language: v.optional(searchLanguage),
    solved_autoclose_days: v.optional(autocloseDays),
    default_locale: v.optional(localeSchema),
  }),
  v.check(
    (b) => Object.values(b).some((x) => x !== undefined),
    () => t('validation.send_one_of', { fields: 'name, settings, require_2fa, ip_allowlist, search_language, solved_autoclose_days, default_locale' }),
  ),
);

/**
 * PATCH /api/v1/org — rename the organization, merge keys into its settings, require 2FA of
 * everyone, or set the IP allowlist (an empty list allows every address). A list that would
 * shut out the address making the change is refused, so no admin locks themselves out.
 * `search_language` queues the re-index of the org's tickets in it; `solved_autoclose_days` applies to
 * tickets solved from now on. `default_locale` is the language everyone in the org reads and is
 * written to in until they choose their own.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  body: Body,
  async handler({ c, db, body }) {
    return updateOrg(db, c.var.clientIp, body);
  },
});
