import { listContext } from '#lib/agent-app/list-context.ts';
import { queueCounts } from '#lib/agent-app/queue-list.ts';
import { freshHref } from '#lib/agent-app/queue-fresh.ts';
import { nextPageHref } from '#lib/agent-app/queue-query.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { listTickets } from '#lib/tickets/list.ts';
import { findView } from '#lib/tickets/saved-views.ts';
import { viewCount } from '#lib/tickets/view-count.ts';
import { viewQuery } from '#lib/tickets/view-filters.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { QueuePage } from '#views/queue/queue-page.tsx';
import { ViewSummary } from '#views/queue/view-summary.tsx';

/**
 * GET /app/queues/:view — a saved view (personal or team) as a queue, in its own sort. A view
 * the caller may not see, or another org's, is a 404.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const view = await findView(db, params.id);
    const lc = await listContext(db);
    const who = listerOf(caller);
    const { filters, cf } = await viewQuery(db, view, { limit: 50 });
    const page = await listTickets(db, who, filters, cf);
    const side = await queueCounts(db, caller);
    return c.html(
      <QueuePage
        user={await layoutUser(db, caller)}
        title={view.name}
        count={await viewCount(db, who, filters, cf)}
        controls={<ViewSummary view={view} />}
        items={page.items}
        moreHref={nextPageHref(`/app/queues/${view.id}/rows`, '', page.next_cursor)}
        ctx={{ staff: lc.staffNames, zone: lc.zone, selectable: true }}
        staff={lc.staff}
        builtins={side.builtins}
        views={side.views}
        current={`/app/queues/${view.id}`}
        freshHref={freshHref(`/app/queues/${view.id}/fresh`, '', page.items.map((t) => t.number))}
      />,
    );
  },
});
