import { listContext } from '#lib/agent-app/list-context.ts';
import { nextPageHref, queueQuery } from '#lib/agent-app/queue-query.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { listTickets } from '#lib/tickets/list.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { TicketRows } from '#views/queue/ticket-table.tsx';

/**
 * GET /app/queues/rows?<the queue's filters>&cursor= — the next page of a filtered queue or a
 * search as table rows, ending with the "More tickets" row when there is a page after it.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  async handler({ c, db, caller }) {
    const lc = await listContext(db);
    const q = await queueQuery(db, c.req.query(), lc.zone);
    const page = await listTickets(db, listerOf(caller), q.filters, q.cf);
    const ctx = { staff: lc.staffNames, selectable: true };
    return c.html(<TicketRows items={page.items} ctx={ctx} moreHref={nextPageHref('/app/queues/rows', q.search, page.next_cursor)} />);
  },
});
