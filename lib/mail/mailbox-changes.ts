import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { deleteMailbox, findMailbox, rotateInboundToken, saveMailbox, type Mailbox, type MailboxInput } from './mailboxes.ts';

/**
 * The admin's changes to mailboxes, each with its audit entry, shared by /api/v1/mailboxes and
 * the admin pages so both record the same thing. Secrets never reach the audit log: an update
 * records which fields changed, never their values.
 */

/**
 * Creates a mailbox (POST /api/v1/mailboxes): a from address in use is a 409, an IMAP host
 * without user and password a 422.
 *
 * @example
 * const box = await createMailbox(db, key, orgId, actor, { name: 'Support', from_address: 'help@acme.test' });
 */
export async function createMailbox(tx: TransactionSql, key: Uint8Array, orgId: string, actor: AuditActor, input: MailboxInput): Promise<Mailbox> {
  const box = await saveMailbox(tx, key, orgId, null, input);
  await audit(tx, orgId, actor, { action: 'mailbox.create', targetType: 'mailbox', targetId: box.id, details: { name: box.name, from_address: box.from_address, imap_host: box.imap_host } });
  return box;
}

/**
 * Changes the fields present in `input` (PATCH /api/v1/mailboxes/:id); another org's id is a 404.
 *
 * @example
 * await updateMailbox(db, key, orgId, actor, id, { enabled: false });
 */
export async function updateMailbox(tx: TransactionSql, key: Uint8Array, orgId: string, actor: AuditActor, id: string, input: MailboxInput): Promise<Mailbox> {
  const box = await saveMailbox(tx, key, orgId, id, input);
  const changed = Object.keys(input).filter((k) => input[k as keyof MailboxInput] !== undefined);
  await audit(tx, orgId, actor, { action: 'mailbox.update', targetType: 'mailbox', targetId: box.id, details: { changed } });
  return box;
}

/**
 * Deletes a mailbox (DELETE /api/v1/mailboxes/:id) and answers what it was; its tickets and
 * received mail stay.
 *
 * @example
 * const gone = await removeMailbox(db, orgId, actor, id);
 */
export async function removeMailbox(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<Mailbox> {
  const box = await findMailbox(tx, id);
  await deleteMailbox(tx, id);
  await audit(tx, orgId, actor, { action: 'mailbox.delete', targetType: 'mailbox', targetId: id, details: { name: box.name, from_address: box.from_address } });
  return box;
}

/**
 * A new token for POST /api/v1/mail/inbound (POST /api/v1/mailboxes/:id/inbound-token); the
 * previous one stops working. The caller shows it once: only its hash is kept.
 *
 * @example
 * const token = await issueInboundToken(db, orgId, actor, id);
 */
export async function issueInboundToken(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<string> {
  const token = await rotateInboundToken(tx, orgId, id);
  await audit(tx, orgId, actor, { action: 'mailbox.inbound_token', targetType: 'mailbox', targetId: id });
  return token;
}
