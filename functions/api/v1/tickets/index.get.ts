import { ticketsFor, readerRole } from '#lib/tickets/caller-view.ts';
import { cfQueryParams, customFieldFilter } from '#lib/custom-fields/filters.ts';
import { listTickets, TicketFilters } from '#lib/tickets/list.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/tickets — filter (`status=unsolved` or a list, priority, assignee=me|none|id,
 * team, requester, tag, q, cf.<key>=value typed by the field (a multi-select matches tickets
 * holding that option; an unknown or, for customers, hidden key is 400), created/updated ranges), sort and page by `cursor`.
 * Customers get their own tickets only, by RLS.
 */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  query: TicketFilters,
  async handler({ c, db, caller, query }) {
    const userId = caller.kind === 'member' ? caller.userId : null;
    const role = readerRole(caller);
    const cf = await customFieldFilter(db, cfQueryParams(c.req.query()), { customerView: role === 'customer' });
    const page = await listTickets(db, { userId, role }, query, cf);
    return { items: await ticketsFor(db, caller, page.items), next_cursor: page.next_cursor };
  },
});
