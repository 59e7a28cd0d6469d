import { listContext } from '#lib/agent-app/list-context.ts';
import { nextPageHref, queueQuery } from '#lib/agent-app/queue-query.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { listTickets } from '#lib/tickets/list.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { SearchPage } from '#views/queue/search-page.tsx';

/**
 * GET /app/search?q= — full-text ticket search (the ticket list's own search: subject and
 * messages, in the org's search language), most recently updated first; "More tickets" pages on
 * through GET /app/queues/rows?q=&cursor=.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  async handler({ c, db, caller: member }) {
    const text = (c.req.query('q') ?? '').trim();
    const lc = await listContext(db);
    const ctx = { staff: lc.staffNames, selectable: true };
    const user = await layoutUser(db, member);
    if (!text) return c.html(<SearchPage user={user} q="" items={[]} moreHref={null} ctx={ctx} staff={lc.staff} />);
    const limit = c.req.query('limit');
    const q = await queueQuery(db, limit ? { q: text, limit } : { q: text }, lc.zone);
    const page = await listTickets(db, listerOf(member), q.filters, q.cf);
    return c.html(<SearchPage user={user} q={text} items={page.items} moreHref={nextPageHref('/app/queues/rows', q.search, page.next_cursor)} ctx={ctx} staff={lc.staff} />);
  },
});
