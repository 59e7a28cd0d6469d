import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { readThread } from '#lib/tickets/thread.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { ThreadItems } from '#views/ticket/thread.tsx';

/** GET /app/tickets/:number/thread — the conversation fragment, re-fetched on live events. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'staff',
  params: ticketNumberParams,
  async handler({ c, db, params }) {
    const ticket = await findTicket(db, params.number);
    return c.html(<ThreadItems requesterId={ticket.requester_id} messages={await readThread(db, params.number)} />);
  },
});
