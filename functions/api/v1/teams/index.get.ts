import { listTeams } from '#lib/teams/team.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/teams — the organization's teams by name, each with its `member_ids`. */
export default endpoint({
  auth: { permission: 'users.read' },
  async handler({ db }) {
    return { items: await listTeams(db) };
  },
});
