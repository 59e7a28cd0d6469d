import * as v from 'valibot';
import { audit } from '#lib/audit.ts';
import { actorOf } from '#lib/http/client.ts';
import { HttpError } from '#lib/http/errors.ts';
import { idParams } from '#lib/http/schemas.ts';
import { findTeam, teamName } from '#lib/teams/team.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({ name: v.optional(teamName), round_robin: v.optional(v.boolean()) }),
  v.check((b) => b.name !== undefined || b.round_robin !== undefined, 'send name or round_robin'),
);

/** PATCH /api/v1/teams/:id — `{name?, round_robin?}`; a name another team has is 409. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  body: Body,
  async handler({ c, db, caller, params, body }) {
    const before = await findTeam(db, params.id, { lock: true });
    if (body.name !== undefined) {
      const [clash] = await db`select 1 from teams where lower(name) = lower(${body.name}) and id <> ${params.id}`;
      if (clash) throw new HttpError(409, 'team_exists', `A team named "${body.name}" already exists`);
    }
    await db`
      update teams set name = coalesce(${body.name ?? null}, name), round_robin = coalesce(${body.round_robin ?? null}::boolean, round_robin)
      where id = ${params.id}`;
    const after = await findTeam(db, params.id);
    await audit(db, caller.orgId, actorOf(c, caller), {
      action: 'team.update', targetType: 'team', targetId: params.id,
      details: { from: { name: before.name, round_robin: before.round_robin }, to: { name: after.name, round_robin: after.round_robin } },
    });
    return after;
  },
});
