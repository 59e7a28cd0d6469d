import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { CalendarPatch, updateCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** PATCH /api/v1/sla/calendars/:id — any calendar field; open tickets are re-computed by a background job. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  params: idParams,
  body: CalendarPatch,
  async handler({ c, db, caller, params, body }) {
    return updateCalendar(db, caller.orgId, actorOf(c, caller), params.id, body);
  },
});
