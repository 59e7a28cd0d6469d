import { listContext } from '#lib/agent-app/list-context.ts';
import { FreshQuery, queueFreshness } from '#lib/agent-app/queue-fresh.ts';
import { queueQuery } from '#lib/agent-app/queue-query.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { FreshMessage } from '#views/queue/fresh-notice.tsx';

/**
 * GET /app/queues/fresh?<the queue's filters>&since=&shown=&resync= — the queue notice's text:
 * how many tickets have come into this filtered queue (or, after a reconnect, changed in it)
 * since it was drawn; empty when none have.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  query: FreshQuery,
  async handler({ c, db, caller, query }) {
    const lc = await listContext(db);
    const raw = c.req.query();
    const q = await queueQuery(db, 'status' in raw ? raw : { status: 'unsolved', ...raw }, lc.zone);
    const fresh = await queueFreshness(db, listerOf(caller), q.filters, q.cf, query);
    return c.html(<FreshMessage fresh={fresh} listHref={`/app/queues?${q.search}`} />);
  },
});
