import * as v from 'valibot';
import { HttpError } from '#lib/http/errors.ts';
import { uuid } from '#lib/http/schemas.ts';
import { addFollower, listFollowers } from '#lib/tickets/followers.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /api/v1/tickets/:number/followers — `{user_id?}` (default: the caller) follows the
 * ticket: 201, or 200 when already following. Followers must be active staff (422).
 */
export default endpoint({
  responses: { 201: { description: 'Now following' } },
  auth: { permission: 'tickets.read_all' },
  params: ticketNumberParams,
  body: v.optional(v.strictObject({ user_id: v.optional(uuid) }), {}),
  async handler({ c, db, caller, params, body }) {
    const userId = body.user_id ?? (caller.kind === 'member' ? caller.userId : undefined);
    if (!userId)
      throw new HttpError(400, 'validation_failed', t('validation.invalid_body_at', { path: 'user_id', message: t('error.problem.follower_for_api_key') }), [
        { path: 'user_id', message: t('error.problem.required_for_api_keys') },
      ]);
    await findTicket(db, params.number);
    const added = await addFollower(db, caller.orgId, params.number, userId);
    const follower = (await listFollowers(db, params.number)).find((f) => f.user_id === userId);
    return c.json(follower, added ? 201 : 200);
  },
});
