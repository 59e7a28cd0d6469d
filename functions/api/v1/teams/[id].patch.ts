import * as v from 'valibot';
import { sendAny } from '#lib/http/validation-messages.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { updateTeam } from '#lib/teams/changes.ts';
import { teamName } from '#lib/teams/team.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({ name: v.optional(teamName), round_robin: v.optional(v.boolean()) }),
  v.check((b) => b.name !== undefined || b.round_robin !== undefined, sendAny(['name', 'round_robin'])),
);

/** PATCH /api/v1/teams/:id — `{name?, round_robin?}`; a name another team has is 409. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  body: Body,
  async handler({ c, db, caller, params, body }) {
    return updateTeam(db, caller.orgId, actorOf(c, caller), params.id, body);
  },
});
