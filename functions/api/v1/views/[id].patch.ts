import * as v from 'valibot';
import { idParams } from '#lib/http/schemas.ts';
import { assertMayEditView, cannotChangeView, findView, viewName, viewPosition } from '#lib/tickets/saved-views.ts';
import { checkViewFilters, viewSort } from '#lib/tickets/view-filters.ts';
import { viewJson } from '#lib/tickets/view-json.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({ name: v.optional(viewName), filters: v.optional(v.record(v.string(), v.unknown())), sort: v.optional(viewSort), position: v.optional(viewPosition) }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), 'send at least one field to change'),
);

/** PATCH /api/v1/views/:id — `{name?, filters?, sort?, position?}`; `filters` replaces the old ones whole. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: idParams,
  body: Body,
  async handler({ db, caller, params, body }) {
    assertMayEditView(caller, await findView(db, params.id));
    if (body.filters) await checkViewFilters(db, body.filters);
    const updated = await db`
      update saved_views set
        name = coalesce(${body.name ?? null}, name),
        filters = coalesce(${body.filters ? db.json(body.filters as never) : null}::jsonb, filters),
        sort = coalesce(${body.sort ?? null}, sort),
        position = coalesce(${body.position ?? null}::integer, position)
      where id = ${params.id}
      returning id`;
    if (!updated.length) throw cannotChangeView();
    return viewJson(db, caller, await findView(db, params.id));
  },
});
