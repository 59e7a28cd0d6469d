import { ticketsFor } from '#lib/tickets/caller-view.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/tickets/:number — one ticket; another org's number, or a customer's look at someone else's, is 404. */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  params: ticketNumberParams,
  async handler({ db, caller, params }) {
    const [ticket] = await ticketsFor(db, caller, [await findTicket(db, params.number)]);
    return ticket;
  },
});
