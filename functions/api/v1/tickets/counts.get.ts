import { ticketCounts } from '#lib/tickets/counts.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/tickets/counts — `{by_status, mine, by_team: {<team id>: …}}`, each a count per
 * status, from the counters kept at commit (never a count of tickets). An API key has no `mine`.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  async handler({ db, caller }) {
    return ticketCounts(db, caller.kind === 'member' ? caller.userId : null);
  },
});
