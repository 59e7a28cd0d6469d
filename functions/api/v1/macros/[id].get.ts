import * as v from 'valibot';
import { uuid } from '#lib/http/schemas.ts';
import { serializeMacro } from '#lib/macros/model.ts';
import { findMacro } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/macros/:id — one macro; another org's, or another person's personal one, is 404. */
export default endpoint({
  auth: { permission: 'tickets.write' },
  params: v.object({ id: uuid }),
  async handler({ db, params }) {
    return serializeMacro(await findMacro(db, params.id));
  },
});
