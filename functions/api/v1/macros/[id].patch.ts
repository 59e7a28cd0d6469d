import * as v from 'valibot';
import { uuid } from '#lib/http/schemas.ts';
import { MacroPatch, serializeMacro } from '#lib/macros/model.ts';
import { updateMacro } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** PATCH /api/v1/macros/:id — change a macro one may write (a shared one: leads, admins, owners; 403 otherwise). */
export default endpoint({
  auth: { permission: 'tickets.write' },
  params: v.object({ id: uuid }),
  body: MacroPatch,
  async handler({ db, params, body }) {
    return serializeMacro(await updateMacro(db, params.id, body));
  },
});
