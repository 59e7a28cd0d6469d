import { listCalendars } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/sla/calendars — the organization's business-hours calendars by name. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  async handler({ db }) {
    return { items: await listCalendars(db) };
  },
});
