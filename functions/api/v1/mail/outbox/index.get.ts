import * as v from 'valibot';
import { mustBeWholeNumber, oneOf } from '#lib/http/validation-messages.ts';
import { cursorParam } from '#lib/http/page-query.ts';
import { listOutbox, OUTBOX_STATES } from '#lib/mail/outbound/outbox-admin.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/mail/outbox — outgoing mail, newest first, with its delivery state (`queued`,
 * `sending`, `sent`, `failed`, `unknown` = possibly sent), tries and last error; no bodies.
 * `?state=unknown` lists what needs an admin's look; `?cursor=` pages on.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  query: v.object({
    state: v.optional(v.picklist(OUTBOX_STATES, oneOf(OUTBOX_STATES))),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, mustBeWholeNumber), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
    cursor: cursorParam,
  }),
  async handler({ db, query }) {
    return listOutbox(db, { state: query.state, limit: query.limit, cursor: query.cursor });
  },
});
