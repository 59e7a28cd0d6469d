import { actorOf } from '#lib/http/client.ts';
import { CalendarInput, createCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/sla/calendars — `{name, time_zone, always_open?, weekly?, holidays?}` → 201.
 * `weekly` is `[{weekday: 1-7, start: "09:00", end: "17:00"}]` (an end at or before the start
 * runs past midnight); `holidays` is `[{date: "2026-12-25", recurring: true}]`.
 */
export default endpoint({
  responses: { 201: { description: 'The new calendar' } },
  auth: { permission: 'sla.manage' },
  body: CalendarInput,
  async handler({ c, db, caller, body }) {
    const calendar = await createCalendar(db, caller.orgId, actorOf(c, caller), body);
    return c.json(calendar, 201);
  },
});
