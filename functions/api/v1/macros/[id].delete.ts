import * as v from 'valibot';
import { uuid } from '#lib/http/schemas.ts';
import { deleteMacro } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/macros/:id — remove a macro one may write; 204. */
export default endpoint({
  auth: { permission: 'tickets.write' },
  params: v.object({ id: uuid }),
  async handler({ c, db, params }) {
    await deleteMacro(db, params.id);
    return c.body(null, 204);
  },
});
