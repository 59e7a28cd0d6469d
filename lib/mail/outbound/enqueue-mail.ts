import type { TransactionSql } from '#lib/db/pool.ts';

export interface OutgoingMail {
  kind: 'invitation' | 'password_reset';
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues a message in the org's outbox, in the caller's transaction, so it is sent if and only
 * if the action that wrote it commits. Delivery (SMTP, retries) belongs to the mail worker.
 *
 * @example
 * await enqueueMail(tx, orgId, { kind: 'invitation', to: 'ada@acme.test', subject: 'Join Acme', text });
 */
export async function enqueueMail(tx: TransactionSql, orgId: string, mail: OutgoingMail): Promise<void> {
  await tx`
    insert into outbox (org_id, kind, to_address, subject, body_text)
    values (${orgId}, ${mail.kind}, ${mail.to}, ${mail.subject}, ${mail.text})`;
}
