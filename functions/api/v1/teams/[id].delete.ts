import { audit } from '#lib/audit.ts';
import { actorOf } from '#lib/http/client.ts';
import { HttpError } from '#lib/http/errors.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * DELETE /api/v1/teams/:id — 204. The team's tickets keep their assignee and lose the team (the
 * foreign key sets it null, so counters and ticket history follow); its shared views go with it.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const [team] = await db<{ name: string }[]>`delete from teams where id = ${params.id} returning name`;
    if (!team) throw new HttpError(404, 'not_found', `No team ${params.id} in this organization`);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'team.delete', targetType: 'team', targetId: params.id, details: { name: team.name } });
    return c.body(null, 204);
  },
});
