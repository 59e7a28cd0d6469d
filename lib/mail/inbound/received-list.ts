import type { TransactionSql } from '#lib/db/pool.ts';

/** What became of each received mail; `duplicate` rows are the copies of filed mail that were dropped. */
export const INBOUND_OUTCOMES = ['ticket', 'reply', 'follow_up', 'bounce', 'quarantined', 'duplicate'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

export interface ReceivedMail {
  id: string;
  mailbox_id: string | null;
  source: string;
  uid: string | null;
  message_id: string | null;
  from_address: string | null;
  subject: string | null;
  size: number;
  outcome: InboundOutcome;
  reason: string | null;
  ticket_number: number | null;
  suppress_autoreply: boolean;
  auto_reason: string | null;
  refused_attachments: unknown;
  received_at: Date;
}

/**
 * Received mail of the caller's org, newest first, optionally of one outcome or mailbox. The raw
 * MIME is left out: it stays in the database.
 *
 * @example
 * const quarantined = await listReceivedMail(db, { outcome: 'quarantined', limit: 50 });
 */
export function listReceivedMail(db: TransactionSql, filter: { outcome?: InboundOutcome | undefined; mailboxId?: string | undefined; limit: number }): Promise<ReceivedMail[]> {
  return db<ReceivedMail[]>`
    select id, mailbox_id, source, uid::text, message_id, from_address, subject, size, outcome, reason,
           ticket_number::int, suppress_autoreply, auto_reason, refused_attachments, received_at
    from mail_inbound
    where (${filter.outcome ?? null}::text is null or outcome = ${filter.outcome ?? null})
      and (${filter.mailboxId ?? null}::uuid is null or mailbox_id = ${filter.mailboxId ?? null})
    order by received_at desc, id limit ${filter.limit}`;
}
