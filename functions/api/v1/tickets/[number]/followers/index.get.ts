import { listFollowers } from '#lib/tickets/followers.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/tickets/:number/followers — the staff following the ticket, by email. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: ticketNumberParams,
  async handler({ db, params }) {
    await findTicket(db, params.number);
    return { items: await listFollowers(db, params.number) };
  },
});
