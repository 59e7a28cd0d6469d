import { ticketsFor, readerRole } from '../../../../lib/tickets/caller-view.ts';
import { customFieldFilters, listTickets, TicketFilters } from '../../../../lib/tickets/list.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

/**
 * GET /api/v1/tickets — filter (`status=unsolved` or a list, priority, assignee=me|none|id,
 * team, requester, tag, q, cf.<key>=value, created/updated ranges), sort and page by `cursor`.
 * Customers get their own tickets only, by RLS.
 */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  query: TicketFilters,
  async handler({ c, db, caller, query }) {
    const userId = caller.kind === 'member' ? caller.userId : null;
    const page = await listTickets(db, { userId, role: readerRole(caller) }, query, customFieldFilters(c.req.query()));
    return { items: await ticketsFor(db, caller, page.items), next_cursor: page.next_cursor };
  },
});
