import { listViews } from '#lib/tickets/saved-views.ts';
import { viewJson } from '#lib/tickets/view-json.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/views — the caller's personal views, their teams' views, and (admins, owners) every
 * view, each with `count` (from the counters, or capped at 1000 with `capped: true`).
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  async handler({ db, caller }) {
    const items = [];
    // One after another: the queries share the request's transaction.
    for (const view of await listViews(db)) items.push(await viewJson(db, caller, view));
    return { items };
  },
});
