import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { deleteCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/sla/calendars/:id — 204; a calendar a policy uses is 409. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    await deleteCalendar(db, caller.orgId, actorOf(c, caller), params.id);
    return c.body(null, 204);
  },
});
