import * as v from 'valibot';
import { pagePerson } from '../../lib/admin/page-caller.ts';
import { layoutUser } from '../../lib/http/layout-user.ts';
import { listTickets, TicketFilters } from '../../lib/tickets/list.ts';
import { endpoint } from '../../lib/router/endpoint.ts';
import { PortalHome } from '../../views/portal/ticket-list.tsx';

/** GET /portal — the customer's requests (RLS shows only theirs), latest activity first. */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  async handler({ c, db, caller }) {
    const person = pagePerson(caller);
    const page = await listTickets(db, { userId: person.userId, role: person.role }, v.parse(TicketFilters, { limit: '100' }), {});
    return c.html(<PortalHome user={await layoutUser(db, person)} tickets={page.items} />);
  },
});
