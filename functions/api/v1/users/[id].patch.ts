import * as v from 'valibot';
import { ROLES } from '../../../../lib/db/tenant.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
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
    const [current] = await db<{ role: string; disabled: boolean }[]>`
      select role, disabled_at is not null as disabled from memberships where user_id = ${params.id} for update`;
    if (!current) throw new HttpError(404, 'not_found', `No user ${params.id} in this organization`);
    if (caller.kind === 'member' && caller.userId === params.id) throw new HttpError(409, 'own_membership', 'Ask another admin to change your own role or access');
    const touchesOwner = current.role === 'owner' || body.role === 'owner';
    const mayManageOwners = caller.kind === 'member' ? c.var.deps.rolePermissions.get(caller.role)?.has('org.manage_owners') : caller.permissions.includes('org.manage_owners');
    if (touchesOwner && !mayManageOwners) throw new HttpError(403, 'forbidden', 'Only an owner can grant or change the owner role');
    if (current.role === 'owner' && (body.disabled || (body.role && body.role !== 'owner'))) {
      const [others] = await db<{ n: number }[]>`select count(*)::int as n from memberships where role = 'owner' and disabled_at is null and user_id <> ${params.id}`;
      if (!others?.n) throw new HttpError(409, 'last_owner', 'An organization keeps at least one active owner');
    }
    const [updated] = await db`
      update memberships set role = coalesce(${body.role ?? null}::member_role, role),
        disabled_at = case when ${body.disabled ?? null}::boolean is null then disabled_at
                           when ${body.disabled ?? null}::boolean then coalesce(disabled_at, now()) else null end,
        updated_at = now()
      where user_id = ${params.id}
      returning user_id as id, role, disabled_at`;
    // The memberships trigger records role changes and (dis)abling in the audit log.
    return updated;
  },
});
