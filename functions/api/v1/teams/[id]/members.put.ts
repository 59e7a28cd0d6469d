import * as v from 'valibot';
import { t } from '#lib/i18n/translate.ts';
import { setTeamMembers } from '#lib/teams/changes.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams, uuid } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.strictObject({
  user_ids: v.pipe(
    v.array(uuid),
    v.maxLength(1000, () => t('validation.team.max_members', { max: 1000 })),
  ),
});

/**
 * PUT /api/v1/teams/:id/members — `{user_ids}` becomes the whole member list (`[]` empties it);
 * every id must be active staff of the org, else 422 `invalid_member` and nothing changes.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  body: Body,
  async handler({ c, db, caller, params, body }) {
    return setTeamMembers(db, caller.orgId, actorOf(c, caller), params.id, body.user_ids);
  },
});
