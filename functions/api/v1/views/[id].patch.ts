import * as v from 'valibot';
import { sendAChange } from '#lib/http/validation-messages.ts';
import { idParams } from '#lib/http/schemas.ts';
import { updateView, viewName, viewPosition } from '#lib/tickets/saved-views.ts';
import { viewSort } from '#lib/tickets/view-filters.ts';
import { viewJson } from '#lib/tickets/view-json.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({ name: v.optional(viewName), filters: v.optional(v.record(v.string(), v.unknown())), sort: v.optional(viewSort), position: v.optional(viewPosition) }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), sendAChange),
);

/** PATCH /api/v1/views/:id — `{name?, filters?, sort?, position?}`; `filters` replaces the old ones whole. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: idParams,
  body: Body,
  async handler({ db, caller, params, body }) {
    return viewJson(db, caller, await updateView(db, caller, params.id, body));
  },
});
