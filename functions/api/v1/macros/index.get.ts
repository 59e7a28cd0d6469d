import { serializeMacro } from '#lib/macros/model.ts';
import { listMacros } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/macros — the macros the caller may apply: the org's shared ones, then their own. */
export default endpoint({
  auth: { permission: 'tickets.write' },
  async handler({ db }) {
    return { items: (await listMacros(db)).map(serializeMacro) };
  },
});
