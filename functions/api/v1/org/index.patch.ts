import * as v from 'valibot';
import { ipInCidrs, parseCidrList } from '../../../../lib/http/client-ip.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200))),
    settings: v.optional(v.record(v.string(), v.unknown())),
    require_2fa: v.optional(v.boolean()),
    ip_allowlist: v.optional(v.pipe(v.array(v.pipe(v.string(), v.check(isCidr, 'must be an IPv4 or IPv6 address or CIDR range'))), v.maxLength(200))),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), 'send at least one of name, settings, require_2fa, ip_allowlist'),
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
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  body: Body,
  async handler({ c, db, body }) {
    const allowlist = body.ip_allowlist?.map((s) => s.trim());
    if (allowlist?.length && !ipInCidrs(c.var.clientIp, allowlist)) {
      throw new HttpError(409, 'allowlist_excludes_you', `The allowlist must include your own address (${c.var.clientIp}), or you would be locked out`);
    }
    const [org] = await db`
      update organizations
         set name = coalesce(${body.name ?? null}, name),
             settings = settings || ${db.json((body.settings ?? {}) as Parameters<typeof db.json>[0])},
             require_2fa = coalesce(${body.require_2fa ?? null}::boolean, require_2fa),
             ip_allowlist = coalesce(${allowlist ?? null}::cidr[], ip_allowlist),
             updated_at = now()
       where id = app.current_org()
       returning id, slug, name, settings, require_2fa, ip_allowlist::text[] as ip_allowlist, created_at, updated_at`;
    // The organizations trigger records what changed in the audit log.
    return org;
  },
});
