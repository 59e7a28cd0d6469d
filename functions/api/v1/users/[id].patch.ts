import * as v from 'valibot';
import { updateMembership } from '../../../../lib/admin/members.ts';
import { ROLES } from '../../../../lib/db/tenant.ts';
import { idParams } from '../../../../lib/http/schemas.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({ role: v.optional(v.picklist(ROLES)), disabled: v.optional(v.boolean()) }),
  v.check((b) => b.role !== undefined || b.disabled !== undefined, 'send role or disabled'),
);

/**
 * PATCH /api/v1/users/:id — `{role?, disabled?}`. Disabling ends the member's sessions at once
 * (a trigger does it). Only owners touch the owner role, nobody changes their own membership
 * here, and the last active owner stays.
 */
export default endpoint({
  auth: { permission: 'users.manage' },
  params: idParams,
  body: Body,
  async handler({ c, db, caller, params, body }) {
    return updateMembership(db, caller, c.var.deps.rolePermissions, params.id, body);
  },
});
