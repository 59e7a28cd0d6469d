import { idParams } from '#lib/http/schemas.ts';
import { deleteView } from '#lib/tickets/saved-views.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/views/:id — 204; the same people who may change a view may delete it. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    await deleteView(db, caller, params.id);
    return c.body(null, 204);
  },
});
