import * as v from 'valibot';
import { autocloseDays, cidrEntry, orgSettings, searchLanguage, updateOrg } from '#lib/orgs/settings.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200))),
    settings: v.optional(orgSettings),
    require_2fa: v.optional(v.boolean()),
    ip_allowlist: v.optional(v.pipe(v.array(cidrEntry), v.maxLength(200))),
    search_language: v.optional(searchLanguage),
    solved_autoclose_days: v.optional(autocloseDays),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), 'send at least one of name, settings, require_2fa, ip_allowlist, search_language, solved_autoclose_days'),
);

/**
 * PATCH /api/v1/org — rename the organization, merge keys into its settings, require 2FA of
 * everyone, or set the IP allowlist (an empty list allows every address). A list that would
 * shut out the address making the change is refused, so no admin locks themselves out.
 * `search_language` queues the re-index of the org's tickets in it; `solved_autoclose_days` applies to
 * tickets solved from now on.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  body: Body,
  async handler({ c, db, body }) {
    return updateOrg(db, c.var.clientIp, body);
  },
});
