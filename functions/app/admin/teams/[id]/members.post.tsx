import { t } from '#lib/i18n/translate.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { teamsPageData } from '#lib/pages/admin-page-data.ts';
import { setTeamMembers } from '#lib/teams/changes.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { TeamsBody } from '#views/admin/teams.tsx';

const MEMBER = /^member_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * POST /app/admin/teams/:id/members — the ticked `member_<user id>` boxes become the team's
 * members (as PUT /api/v1/teams/:id/members); answers the page body.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const fields = await readFormFields(c);
    const userIds = Object.keys(fields).flatMap((k) => MEMBER.exec(k)?.[1] ?? []);
    const done = await attempt(db, (sp) => setTeamMembers(sp, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, params.id, userIds));
    const data = await teamsPageData(db);
    if (done.ok) return c.html(<TeamsBody {...data} state={{ notice: t('admin.teams.members_saved', { name: done.value.name }) }} />);
    const message = done.message ?? Object.values(done.errors)[0] ?? t('admin.teams.not_saved');
    return c.html(<TeamsBody {...data} state={{ teamError: { teamId: params.id, message }, error: done.status === 404 ? message : undefined }} />, done.status as 422);
  },
});
