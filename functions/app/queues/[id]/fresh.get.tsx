import { FreshQuery, queueFreshness } from '#lib/agent-app/queue-fresh.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { findView } from '#lib/tickets/saved-views.ts';
import { viewQuery } from '#lib/tickets/view-filters.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { FreshMessage } from '#views/queue/fresh-notice.tsx';

/**
 * GET /app/queues/:view/fresh?since=&shown=&resync= — the notice's text for a saved view (see
 * /app/queues/fresh). A view the caller may not see, or another org's, is a 404.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  params: idParams,
  query: FreshQuery,
  async handler({ c, db, caller, params, query }) {
    const view = await findView(db, params.id);
    const { filters, cf } = await viewQuery(db, view, { limit: 50 });
    const fresh = await queueFreshness(db, listerOf(caller), filters, cf, query);
    return c.html(<FreshMessage fresh={fresh} listHref={`/app/queues/${view.id}`} />);
  },
});
