import * as v from 'valibot';
import { listNotifications } from '#lib/notifications.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/notifications?unread=true&limit=50 — the signed-in person's notifications, newest first, and how many are unread. */
export default endpoint({
  auth: 'signed-in',
  query: v.object({
    unread: v.optional(v.picklist(['true', 'false'], "must be 'true' or 'false'"), 'false'),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1-200'), v.transform(Number), v.minValue(1, 'must be 1-200'), v.maxValue(200, 'must be 1-200')), '50'),
  }),
  async handler({ db, query }) {
    return listNotifications(db, { unreadOnly: query.unread === 'true', limit: query.limit });
  },
});
