import { layoutUser } from '#lib/pages/layout-user.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { readThread } from '#lib/tickets/thread.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { PortalTicketPage } from '#views/portal/ticket-page.tsx';

/**
 * GET /portal/tickets/:number — one of the customer's requests: status, the conversation (RLS
 * leaves out internal notes and their files) and the reply form. Another's request is a 404.
 */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  page: 'person',
  params: ticketNumberParams,
  async handler({ c, db, caller: person, params }) {
    const ticket = await findTicket(db, params.number);
    const thread = await readThread(db, params.number);
    const maxMb = Math.floor(c.var.deps.config.attachmentMaxBytes / (1024 * 1024));
    return c.html(<PortalTicketPage user={await layoutUser(db, person)} userId={person.userId} ticket={ticket} thread={thread} maxMb={maxMb} />);
  },
});
