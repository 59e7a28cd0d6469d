import * as v from 'valibot';
import { HttpError } from '#lib/http/errors.ts';
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
    state: v.optional(v.picklist(OUTBOX_STATES, `must be one of ${OUTBOX_STATES.join(', ')}`)),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
    cursor: v.optional(v.string()),
  }),
  async handler({ db, query }) {
    const before = query.cursor === undefined ? undefined : parseCursor(query.cursor);
    const items = await listOutbox(db, { state: query.state, limit: query.limit, before });
    const last = items.length === query.limit ? items.at(-1) : undefined;
    return { items, next_cursor: last ? Buffer.from(JSON.stringify([last.created_at.toISOString(), last.id])).toString('base64url') : null };
  },
});

function parseCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad');
    return { at: date, id };
  } catch {
    throw new HttpError(400, 'validation_failed', 'Invalid query parameters: cursor: use next_cursor from the previous page', [{ path: 'cursor', message: 'is not a cursor of this list' }]);
  }
}
