import { layoutUser } from '#lib/pages/layout-user.ts';
import { newTicketChoices } from '#lib/tickets/new-ticket-choices.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { NewTicketPage } from '#views/ticket/new-ticket-page.tsx';

/** GET /app/tickets/new — the agents' form that opens a ticket for a customer. */
export default endpoint({
  auth: { permission: 'tickets.create' },
  page: 'staff',
  async handler({ c, db, caller: me }) {
    return c.html(<NewTicketPage user={await layoutUser(db, me)} {...(await newTicketChoices(db, c.var.deps))} />);
  },
});
