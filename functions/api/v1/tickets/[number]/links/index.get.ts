import { listLinks } from '#lib/tickets/links.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/tickets/:number/links — the linked tickets: `{number, subject, status, created_by, created_at}`. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: ticketNumberParams,
  async handler({ db, params }) {
    await findTicket(db, params.number);
    return { items: await listLinks(db, params.number) };
  },
});
