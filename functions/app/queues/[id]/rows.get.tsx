import * as v from 'valibot';
import { listContext } from '#lib/agent-app/list-context.ts';
import { nextPageHref } from '#lib/agent-app/queue-query.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { listTickets, TicketFilters } from '#lib/tickets/list.ts';
import { findView } from '#lib/tickets/saved-views.ts';
import { viewQuery } from '#lib/tickets/view-filters.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { TicketRows } from '#views/queue/ticket-table.tsx';

/** GET /app/queues/:view/rows?cursor= — the next page of a saved view as table rows (404 for a view one may not see). */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  params: idParams,
  query: v.object({ cursor: TicketFilters.entries.cursor }),
  async handler({ c, db, caller, params, query }) {
    const view = await findView(db, params.id);
    const { filters, cf } = await viewQuery(db, view, { limit: 50, cursor: query.cursor });
    const page = await listTickets(db, listerOf(caller), filters, cf);
    const lc = await listContext(db);
    const ctx = { staff: lc.staffNames, selectable: true };
    return c.html(<TicketRows items={page.items} ctx={ctx} moreHref={nextPageHref(`/app/queues/${view.id}/rows`, '', page.next_cursor)} />);
  },
});
