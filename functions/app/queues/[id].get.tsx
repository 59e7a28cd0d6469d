import { savedViewQueuePage } from '#lib/agent-app/queue-page.ts';
import { idParams } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
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
    const { page, view } = await savedViewQueuePage(db, caller, params.id);
    return c.html(<QueuePage {...page} controls={<ViewSummary view={view} />} />);
  },
});
