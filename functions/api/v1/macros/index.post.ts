import { MacroCreate, serializeMacro } from '#lib/macros/model.ts';
import { createMacro } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/macros — `{name, body?, shared?, internal?, set_status?, set_priority?, add_tags?}`;
 * 201. The body may use placeholders ({{ticket.number}}, {{requester.name}}, {{agent.name}}, …;
 * an unknown one is a 400). Shared macros are for leads, admins and owners (403 otherwise).
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  body: MacroCreate,
  responses: { 201: { description: 'The new macro' } },
  async handler({ c, db, caller, body }) {
    const row = await createMacro(db, caller.orgId, caller.kind === 'member' ? caller.userId : null, body);
    return c.json(serializeMacro(row), 201);
  },
});
