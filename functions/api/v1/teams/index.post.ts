import * as v from 'valibot';
import { createTeam } from '#lib/teams/changes.ts';
import { actorOf } from '#lib/http/client.ts';
import { teamName } from '#lib/teams/team.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.strictObject({ name: teamName, round_robin: v.optional(v.boolean(), false) });

/** POST /api/v1/teams — `{name, round_robin?}` → 201 with the team (no members yet); a name in use is 409. */
export default endpoint({
  responses: { 201: { description: 'The new team' } },
  auth: { permission: 'settings.manage' },
  body: Body,
  async handler({ c, db, caller, body }) {
    return c.json(await createTeam(db, caller.orgId, actorOf(c, caller), body), 201);
  },
});
