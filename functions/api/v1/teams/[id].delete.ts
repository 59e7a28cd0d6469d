import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { deleteTeam } from '#lib/teams/changes.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * DELETE /api/v1/teams/:id — 204. The team's tickets keep their assignee and lose the team (the
 * foreign key sets it null, so counters and ticket history follow); its shared views go with it.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    await deleteTeam(db, caller.orgId, actorOf(c, caller), params.id);
    return c.body(null, 204);
  },
});
