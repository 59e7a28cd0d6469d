import type { TransactionSql } from '../../db/pool.ts';
import type { InboundMail } from './parse.ts';

/** Where a mail belongs: an existing ticket (and by which rule), or a new one. */
export type Thread = { kind: 'reply'; number: number; by: 'headers' | 'subject' } | { kind: 'new' };

/**
 * The pattern `[#{number}]` as a regular expression capturing the number; the rest of the
 * pattern is matched literally.
 *
 * @example
 * subjectReference('[#{number}]').exec('Re: printer [#42]')?.[1]; // '42'
 */
export function subjectReference(pattern: string): RegExp {
  const [before, after] = pattern.split('{number}') as [string, string];
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${literal(before)}(\\d{1,18})${literal(after)}`);
}

/**
 * Threads an inbound mail, in this order:
 * 1. In-Reply-To, then References (newest first), against every Message-ID we sent or filed;
 * 2. else the ticket reference in the subject per the mailbox's pattern, but only when the
 *    sender is that ticket's requester or a follower (so a stranger cannot write into any
 *    ticket by guessing a number, the failure Zammad reports in z#5064);
 * 3. else a new ticket.
 * A merged ticket's mail goes to the ticket it was merged into.
 *
 * @example
 * const thread = await findThread(tx, mail, '[#{number}]');
 */
export async function findThread(tx: TransactionSql, mail: InboundMail, subjectPattern: string): Promise<Thread> {
  if (mail.threadIds.length) {
    const [hit] = await tx<{ number: string }[]>`
      select coalesce(t.merged_into, t.number)::text as number
      from mail_message_ids m join tickets t on t.org_id = m.org_id and t.number = m.ticket_number
      where m.message_id = any(${mail.threadIds}::text[])
      order by array_position(${mail.threadIds}::text[], m.message_id)
      limit 1`;
    if (hit) return { kind: 'reply', number: Number(hit.number), by: 'headers' };
  }
  const ref = subjectReference(subjectPattern).exec(mail.subject)?.[1];
  if (ref) {
    const [hit] = await tx<{ number: string }[]>`
      select coalesce(t.merged_into, t.number)::text as number
      from tickets t join users u on u.id = t.requester_id
      where t.number = ${ref}::bigint
        and (lower(u.email) = ${mail.from.address}
             or exists (select 1 from ticket_followers f join users fu on fu.id = f.user_id
                        where f.org_id = t.org_id and f.ticket_number = t.number and lower(fu.email) = ${mail.from.address}))`;
    if (hit) return { kind: 'reply', number: Number(hit.number), by: 'subject' };
  }
  return { kind: 'new' };
}
