import * as v from 'valibot';
import { maxChars, sendAny } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import { updateMembership } from '#lib/members/membership.ts';
import { ROLES } from '#lib/db/tenant.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const company = v.nullable(
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, () => t('validation.user.company_not_empty')),
    v.maxLength(200, maxChars(200)),
  ),
);

const Body = v.pipe(
  v.strictObject({
    role: v.optional(v.picklist(ROLES)),
    disabled: v.optional(v.boolean()),
    company: v.optional(company),
    sees_company_tickets: v.optional(v.boolean()),
    locale: v.optional(v.nullable(localeSchema)),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), sendAny(['role', 'disabled', 'company', 'sees_company_tickets', 'locale'])),
);

/**
 * PATCH /api/v1/users/:id — `{role?, disabled?, company?, sees_company_tickets?, locale?}`.
 * `locale` is the language the org writes to the person in until they choose their own (null:
 * the org's default). Disabling ends
 * the member's sessions at once (a trigger does it). Only owners touch the owner role, nobody
 * changes their own membership here, and the last active owner stays. Any member may carry a
 * company; only a customer may see their company's requests (422 for staff).
 */
export default endpoint({
  auth: { permission: 'users.manage' },
  params: idParams,
  body: Body,
  async handler({ c, db, caller, params, body }) {
    return updateMembership(db, caller, c.var.deps.rolePermissions, params.id, body);
  },
});
