import * as v from 'valibot';
import { createInvitation } from '#lib/invitations/invite.ts';
import { ROLES } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { email } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/** POST /api/v1/invitations — `{email, role}`; the link goes out by email. Only owners invite owners. */
export default endpoint({
  auth: { permission: 'users.manage' },
  body: v.object({ email, role: v.picklist(ROLES) }),
  async handler({ c, db, caller, body }) {
    if (caller.kind !== 'member') throw new HttpError(403, 'forbidden', t('error.invitations_by_people'));
    if (body.role === 'owner' && !c.var.deps.rolePermissions.get(caller.role)?.has('org.manage_owners')) {
      throw new HttpError(403, 'forbidden', t('error.owner_invites_owner'));
    }
    const invitation = await createInvitation(db, c.var.deps, { orgId: caller.orgId, userId: caller.userId, ip: c.var.clientIp }, body);
    return c.json(invitation, 201);
  },
});
