import * as v from 'valibot';
import { idParams } from '#lib/http/schemas.ts';
import { ticketsFor } from '#lib/tickets/caller-view.ts';
import { listTickets, TicketFilters } from '#lib/tickets/list.ts';
import { findView } from '#lib/tickets/saved-views.ts';
import { viewCount } from '#lib/tickets/view-count.ts';
import { viewQuery } from '#lib/tickets/view-filters.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/views/:id/tickets?cursor=&limit= — one page of the view's tickets in its sort,
 * with `count` (and `capped`) as in the view list, and `next_cursor` for the next page.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: idParams,
  query: v.object({ cursor: TicketFilters.entries.cursor, limit: TicketFilters.entries.limit }),
  async handler({ db, caller, params, query }) {
    const who = listerOf(caller);
    const { filters, cf } = await viewQuery(db, await findView(db, params.id), query);
    const page = await listTickets(db, who, filters, cf);
    return { items: await ticketsFor(db, caller, page.items), next_cursor: page.next_cursor, ...(await viewCount(db, who, filters, cf)) };
  },
});
