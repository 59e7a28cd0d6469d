import { t } from '#lib/i18n/translate.ts';
import * as v from 'valibot';
import { attempt } from '#lib/pages/form-errors.ts';
import { teamsPageData } from '#lib/pages/admin-page-data.ts';
import { createTeam } from '#lib/teams/changes.ts';
import { readForm } from '#lib/http/form-body.ts';
import { teamName } from '#lib/teams/team.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { TeamsBody } from '#views/admin/teams.tsx';

const Form = v.object({ name: teamName, round_robin: v.optional(v.literal('on')) });

/** POST /app/admin/teams — creates a team (as POST /api/v1/teams); answers the page body. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const form = await readForm(c, Form);
    if (!form.ok) return c.html(<TeamsBody {...(await teamsPageData(db))} state={{ create: form }} />, 400);
    const input = { name: form.value.name, round_robin: form.value.round_robin === 'on' };
    const done = await attempt(db, (sp) => createTeam(sp, caller.orgId, { userId: caller.userId, ip: c.var.clientIp }, input), { team_exists: 'name' });
    if (!done.ok) return c.html(<TeamsBody {...(await teamsPageData(db))} state={{ create: { errors: done.errors, values: form.values }, error: done.message }} />, done.status as 409);
    return c.html(<TeamsBody {...(await teamsPageData(db))} state={{ notice: t('admin.teams.created', { name: done.value.name }) }} />);
  },
});
