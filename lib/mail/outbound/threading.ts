import { randomUUID } from 'node:crypto';
import type { TransactionSql } from '#lib/db/pool.ts';

/** Enough of a thread for any mail client; the first id is kept as the thread's root (RFC 5322 §3.6.4). */
const MAX_REFERENCES = 20;

/**
 * Our Message-ID for one outbox row: unique, unguessable and at the sender's own domain, so the
 * inbound side (and other help desks' loop checks) can tell our mail by it.
 *
 * @example
 * newMessageId('help@acme.test'); // 'atum.5f0c…@acme.test'
 */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase() || 'localhost';
  return `atum.${randomUUID()}@${domain}`;
}

/**
 * In-Reply-To and References for a ticket's next mail: every Message-ID the ticket has sent or
 * received, oldest first, so the customer's client threads our reply under the last message.
 */
export async function ticketThread(tx: TransactionSql, ticketNumber: string): Promise<{ inReplyTo: string | null; references: string[] }> {
  const rows = await tx<{ message_id: string }[]>`
    select message_id from mail_message_ids where ticket_number = ${ticketNumber}::bigint order by created_at, message_id`;
  const ids = rows.map((r) => r.message_id);
  const references = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return { inReplyTo: ids.at(-1) ?? null, references };
}

/**
 * The subject with the ticket reference of the mailbox's pattern (`[#{number}]` by default),
 * appended unless the template already put it in.
 */
export function withTicketReference(subject: string, pattern: string, number: string): string {
  const reference = pattern.replaceAll('{number}', number);
  return subject.includes(reference) ? subject : `${subject} ${reference}`.trim();
}
