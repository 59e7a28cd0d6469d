import type { TransactionSql } from '#lib/db/pool.ts';
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
function subjectReference(pattern: string): RegExp {
  const [before, after] = pattern.split('{number}') as [string, string];
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${literal(before)}(\\d{1,18})${literal(after)}`);
}

// The sender is the ticket's requester or one of its followers (`t` and `u`, its requester, in scope).
const participant = (tx: TransactionSql, sender: string) => tx`
  (lower(u.email) = ${sender}
   or exists (select 1 from ticket_followers f join people fu on fu.id = f.user_id
              where f.org_id = t.org_id and f.ticket_number = t.number and lower(fu.email) = ${sender}))`;

/**
 * Threads an inbound mail, in this order:
 * 1. In-Reply-To, then References (newest first), against every Message-ID we sent or filed.
 *    A Message-ID that different mails brought onto different tickets (senders reuse them)
 *    names no single thread: it counts only for a ticket of the sender's own (requester or
 *    follower), and only when that is one ticket; else the next reference is tried;
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
    const hits = await tx<{ message_id: string; number: string; reused: boolean }[]>`
      select m.message_id, coalesce(t.merged_into, t.number)::text as number, m.reused
      from mail_message_ids m join tickets t on t.org_id = m.org_id and t.number = m.ticket_number
      where m.message_id = any(${mail.threadIds}::text[])
      order by array_position(${mail.threadIds}::text[], m.message_id)`;
    for (const hit of hits) {
      if (!hit.reused) return { kind: 'reply', number: Number(hit.number), by: 'headers' };
      const own = await tx<{ number: string }[]>`
        select distinct coalesce(t.merged_into, t.number)::text as number
        from tickets t join people u on u.id = t.requester_id
        where t.number in (select ticket_number from mail_message_ids where message_id = ${hit.message_id}
                           union select ticket_number from mail_inbound where message_id = ${hit.message_id} and outcome in ('ticket', 'reply', 'follow_up'))
          and ${participant(tx, mail.from.address)}
        limit 2`;
      if (own.length === 1) return { kind: 'reply', number: Number(own[0]!.number), by: 'headers' };
    }
  }
  const ref = subjectReference(subjectPattern).exec(mail.subject)?.[1];
  if (ref) {
    const [hit] = await tx<{ number: string }[]>`
      select coalesce(t.merged_into, t.number)::text as number
      from tickets t join people u on u.id = t.requester_id
      where t.number = ${ref}::bigint and ${participant(tx, mail.from.address)}`;
    if (hit) return { kind: 'reply', number: Number(hit.number), by: 'subject' };
  }
  return { kind: 'new' };
}
