import * as v from 'valibot';
import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { HttpError } from '../../../../lib/http/errors.ts';
import { findTeam, teamName } from '../../../../lib/teams/team.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

const Body = v.strictObject({ name: teamName, round_robin: v.optional(v.boolean(), false) });

/** POST /api/v1/teams — `{name, round_robin?}` → 201 with the team (no members yet); a name in use is 409. */
export default endpoint({
  responses: { 201: { description: 'The new team' } },
  auth: { permission: 'settings.manage' },
  body: Body,
  async handler({ c, db, caller, body }) {
    // The name's uniqueness is an expression index (lower(name)): no conflict target to name.
    const [row] = await db<{ id: string }[]>`
      insert into teams (org_id, name, round_robin) values (${caller.orgId}, ${body.name}, ${body.round_robin})
      on conflict do nothing returning id`;
    if (!row) throw new HttpError(409, 'team_exists', `A team named "${body.name}" already exists`);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'team.create', targetType: 'team', targetId: row.id, details: body });
    return c.json(await findTeam(db, row.id), 201);
  },
});
