import * as v from 'valibot';
import { endpoint } from '../../../../lib/router/endpoint.ts';

const Query = v.object({
  outcome: v.optional(v.picklist(['ticket', 'reply', 'follow_up', 'bounce', 'quarantined', 'duplicate'])),
  mailbox_id: v.optional(v.pipe(v.string(), v.uuid('must be a UUID'))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
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
    const items = await db`
      select id, mailbox_id, source, uid::text, message_id, from_address, subject, size, outcome, reason,
             ticket_number::int, suppress_autoreply, auto_reason, refused_attachments, received_at
      from mail_inbound
      where (${query.outcome ?? null}::text is null or outcome = ${query.outcome ?? null})
        and (${query.mailbox_id ?? null}::uuid is null or mailbox_id = ${query.mailbox_id ?? null})
      order by received_at desc, id limit ${query.limit}`;
    return { items };
  },
});
