import { listPresence } from '#lib/live/presence.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { PresenceItems } from '#views/ticket/presence.tsx';

/** GET /app/tickets/:number/presence — who else is viewing or replying to the ticket (fragment). */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'staff',
  params: ticketNumberParams,
  async handler({ c, db, caller: me, params }) {
    await findTicket(db, params.number);
    return c.html(<PresenceItems others={await listPresence(c.var.deps.kv, me.orgId, params.number, me.userId)} />);
  },
});
