import * as v from 'valibot';
import { mustBeAny } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import { listNotifications } from '#lib/notifications.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const oneTo200 = () => t('validation.range_dash', { min: 1, max: 200 });

/** GET /api/v1/notifications?unread=true&limit=50 — the signed-in person's notifications, newest first, and how many are unread. */
export default endpoint({
  auth: 'signed-in',
  query: v.object({
    unread: v.optional(v.picklist(['true', 'false'], mustBeAny(["'true'", "'false'"])), 'false'),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, oneTo200), v.transform(Number), v.minValue(1, oneTo200), v.maxValue(200, oneTo200)), '50'),
  }),
  async handler({ db, query }) {
    return listNotifications(db, { unreadOnly: query.unread === 'true', limit: query.limit });
  },
});
