import * as v from 'valibot';
import { idempotent } from '#lib/http/idempotency.ts';
import { uuid } from '#lib/http/schemas.ts';
import { createView, viewName, viewPosition } from '#lib/tickets/saved-views.ts';
import { viewSort } from '#lib/tickets/view-filters.ts';
import { viewJson } from '#lib/tickets/view-json.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.strictObject({
  name: viewName,
  filters: v.record(v.string(), v.unknown()),
  sort: v.optional(viewSort, 'updated_desc'),
  team_id: v.optional(uuid),
  position: v.optional(viewPosition, 0),
});

/**
 * POST /api/v1/views — `{name, filters, sort?, team_id?, position?}` → 201. `filters` holds the
 * query parameters of GET /api/v1/tickets as an object, custom fields under `cf`. Without
 * `team_id` the view is the caller's own; a team view takes a lead or above. Honours
 * `Idempotency-Key`.
 */
export default endpoint({
  responses: { 201: { description: 'The new view, with its count' } },
  auth: { permission: 'tickets.read_all' },
  body: Body,
  async handler({ c, db, caller, body }) {
    return idempotent(c, db, caller, body, async () => ({ status: 201, body: await viewJson(db, caller, await createView(db, caller, body)) }));
  },
});
