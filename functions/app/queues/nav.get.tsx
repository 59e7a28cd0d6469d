import * as v from 'valibot';
import { queueCounts } from '#lib/agent-app/queue-list.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { QueueNav } from '#views/queue/queue-nav.tsx';

/**
 * GET /app/queues/nav?current= — the queue pages' side list (built-in queues and saved views with
 * their counts now) as a fragment; `current` is the href to mark as the page one is on.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  query: v.object({ current: v.optional(v.pipe(v.string(), v.maxLength(2000)), '') }),
  async handler({ c, db, caller, query }) {
    const { builtins, views } = await queueCounts(db, caller);
    return c.html(<QueueNav builtins={builtins} views={views} current={query.current} />);
  },
});
