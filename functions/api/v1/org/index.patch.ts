import * as v from 'valibot';
import { ipInCidrs, parseCidrList } from '../../../../lib/http/client-ip.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
import { ORG_COLUMNS } from '../../../../lib/orgs.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';
import { setSearchLanguage } from '../../../../lib/tickets/search-language.ts';

const Body = v.pipe(
  v.strictObject({
    name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200))),
    settings: v.optional(v.record(v.string(), v.unknown())),
    require_2fa: v.optional(v.boolean()),
    ip_allowlist: v.optional(v.pipe(v.array(v.pipe(v.string(), v.check(isCidr, 'must be an IPv4 or IPv6 address or CIDR range'))), v.maxLength(200))),
    search_language: v.optional(v.pipe(v.string(), v.regex(/^[a-z_]{1,63}$/, 'must be a PostgreSQL text search language such as english or german'))),
    solved_autoclose_days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'must be 1 to 365'), v.maxValue(365, 'must be 1 to 365'))),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), 'send at least one of name, settings, require_2fa, ip_allowlist, search_language, solved_autoclose_days'),
);

function isCidr(s: string): boolean {
  try {
    parseCidrList(s);
    return s.trim() !== '' && !/[,\s]/.test(s.trim());
  } catch {
    return false;
  }
}

/**
 * PATCH /api/v1/org — rename the organization, merge keys into its settings, require 2FA of
 * everyone, or set the IP allowlist (an empty list allows every address). A list that would
 * shut out the address making the change is refused, so no admin locks themselves out.
 * `search_language` re-indexes the org's tickets in it; `solved_autoclose_days` applies to
 * tickets solved from now on.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  body: Body,
  async handler({ c, db, body }) {
    const allowlist = body.ip_allowlist?.map((s) => s.trim());
    if (allowlist?.length && !ipInCidrs(c.var.clientIp, allowlist)) {
      throw new HttpError(409, 'allowlist_excludes_you', `The allowlist must include your own address (${c.var.clientIp}), or you would be locked out`);
    }
    if (body.search_language) await setSearchLanguage(db, body.search_language);
    const [org] = await db`
      update organizations
         set name = coalesce(${body.name ?? null}, name),
             settings = settings || ${db.json((body.settings ?? {}) as Parameters<typeof db.json>[0])},
             require_2fa = coalesce(${body.require_2fa ?? null}::boolean, require_2fa),
             ip_allowlist = coalesce(${allowlist ?? null}::cidr[], ip_allowlist),
             solved_autoclose_days = coalesce(${body.solved_autoclose_days ?? null}::integer, solved_autoclose_days),
             updated_at = now()
       where id = app.current_org()
       returning ${db.unsafe(ORG_COLUMNS)}`;
    // The organizations trigger records what changed in the audit log.
    return org;
  },
});
