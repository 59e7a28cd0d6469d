import { idParams } from '#lib/http/schemas.ts';
import { assertMayEditView, cannotChangeView, findView } from '#lib/tickets/saved-views.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/views/:id — 204; the same people who may change a view may delete it. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    assertMayEditView(caller, await findView(db, params.id));
    const deleted = await db`delete from saved_views where id = ${params.id} returning id`;
    if (!deleted.length) throw cannotChangeView();
    return c.body(null, 204);
  },
});
