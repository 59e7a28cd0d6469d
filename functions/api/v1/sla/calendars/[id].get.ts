import { idParams } from '#lib/http/schemas.ts';
import { findCalendar } from '#lib/sla/calendar-store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/sla/calendars/:id — one calendar; another org's id is 404. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  params: idParams,
  async handler({ db, params }) {
    return findCalendar(db, params.id);
  },
});
