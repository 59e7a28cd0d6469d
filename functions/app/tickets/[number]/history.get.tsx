import { ticketHistory } from '#lib/tickets/history.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { namesOf } from '#lib/tickets/ticket-page.ts';
import { listStaff } from '#lib/staff/assignable.ts';
import { listTeams } from '#lib/teams/team.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { HistoryItems } from '#views/ticket/history.tsx';

/** GET /app/tickets/:number/history — the history tab (the ticket's audit log rows), re-fetched on live events. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'staff',
  params: ticketNumberParams,
  async handler({ c, db, params }) {
    await findTicket(db, params.number);
    const names = namesOf({ assignees: await listStaff(db), teams: await listTeams(db) });
    return c.html(<HistoryItems entries={await ticketHistory(db, params.number, { after: null, limit: 500 })} names={names} />);
  },
});
