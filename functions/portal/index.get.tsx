import * as v from 'valibot';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { colleaguesRequests, sharedCompany } from '#lib/portal/company-requests.ts';
import { listTickets, TicketFilters } from '#lib/tickets/list.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { PortalHome } from '#views/portal/ticket-list.tsx';

/**
 * GET /portal — the customer's requests, latest activity first, and, when their membership
 * allows it, their company's (RLS shows only these).
 */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  page: 'person',
  async handler({ c, db, caller: person }) {
    const page = await listTickets(db, { userId: person.userId, role: person.role }, v.parse(TicketFilters, { limit: '100', requester: person.userId }), {});
    const company = await sharedCompany(db, person.userId);
    const shared = company === null ? undefined : { company, tickets: await colleaguesRequests(db, person.userId) };
    return c.html(<PortalHome user={await layoutUser(db, person)} tickets={page.items} company={shared} />);
  },
});
