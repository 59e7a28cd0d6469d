import * as v from 'valibot';
import { mustBeUuid, mustBeWholeNumber } from '#lib/http/validation-messages.ts';
import { INBOUND_OUTCOMES, listReceivedMail } from '#lib/mail/inbound/received-list.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Query = v.object({
  outcome: v.optional(v.picklist(INBOUND_OUTCOMES)),
  mailbox_id: v.optional(v.pipe(v.string(), v.uuid(mustBeUuid))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, mustBeWholeNumber), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
});

/**
 * GET /api/v1/mail/inbound — received mail, newest first: what became of each (`outcome`, `reason`,
 * ticket) and what was refused. `?outcome=quarantined` lists the mail set aside, `?outcome=duplicate`
 * the copies of filed mail that were dropped. The raw MIME stays in the database.
 */
export default endpoint({
  tags: ['mail'],
  auth: { permission: 'settings.manage' },
  query: Query,
  async handler({ db, query }) {
    const items = await listReceivedMail(db, { outcome: query.outcome, mailboxId: query.mailbox_id, limit: query.limit });
    return { items };
  },
});
