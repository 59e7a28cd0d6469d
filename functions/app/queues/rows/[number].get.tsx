import { listContext } from '#lib/agent-app/list-context.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { TicketRowView } from '#views/queue/ticket-row.tsx';

/**
 * GET /app/queues/rows/:number[?pick-<number>=<number>] — one ticket's queue row
 * (`<tr id="ticket-row-<number>">`), for refreshing that row alone: a live row fetches itself
 * here on its ticket's live event, sending its checkbox, so a ticked row comes back ticked.
 * Another org's number, or one the caller may not see, is a 404.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: ticketNumberParams,
  async handler({ c, db, params }) {
    const ticket = await findTicket(db, params.number);
    const lc = await listContext(db);
    const checked = c.req.query(`pick-${params.number}`) !== undefined;
    return c.html(<TicketRowView ticket={ticket} checked={checked} ctx={{ staff: lc.staffNames, selectable: true }} />);
  },
});
