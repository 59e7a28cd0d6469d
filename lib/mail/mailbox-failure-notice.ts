import type { TransactionSql } from '#lib/db/pool.ts';

/** What the notice needs to know of the failure and of the outbound routes. */
export interface FailureNotice {
  orgId: string;
  mailboxId: string;
  error: string;
  /** SMTP_URL is set: mail of no mailbox has a route of its own. */
  smtpUrlSet: boolean;
}

/**
 * Tells the org's admins and owners that a mailbox stopped fetching mail: an in-app
 * notification each (kind `mailbox_failing`), and an email through a route that does not
 * depend on the failing mailbox: another enabled mailbox's SMTP server, else SMTP_URL. With
 * neither, only the in-app notice is written (the mailbox's own server is likely down with it).
 * Call it once per failure episode, in the transaction that turns the mailbox from ok to failing.
 *
 * @example
 * await noticeMailboxFailing(tx, { orgId, mailboxId, error: 'IMAP login failed', smtpUrlSet: false });
 */
export async function noticeMailboxFailing(tx: TransactionSql, n: FailureNotice): Promise<{ notified: number; emailed: boolean }> {
  const [box] = await tx<{ name: string; route: string | null }[]>`
    select m.name, (select o.id from mailboxes o where o.id <> m.id and o.enabled and o.smtp_host is not null order by o.created_at, o.id limit 1) as route
    from mailboxes m where m.id = ${n.mailboxId}`;
  if (!box) return { notified: 0, emailed: false };
  const title = `Mailbox "${box.name}" cannot fetch mail`;
  const body = `${title}:\n\n  ${n.error}\n\nNew mail to this mailbox waits on its server until this is mended; ATUM DESK retries with growing pauses (up to an hour).\nCheck the settings and use "Test connection": /app/admin/mailboxes/${n.mailboxId}\n\nYou receive this once per failure, as an admin of this organization.`;
  const email = box.route !== null || n.smtpUrlSet;
  const [row] = await tx<{ notified: number }[]>`
    with recipient as (
      select m.user_id, u.email from memberships m join people u on u.id = m.user_id
      where m.role in ('admin', 'owner') and m.disabled_at is null
    ), notified as (
      insert into notifications (org_id, user_id, kind, title, details)
      select ${n.orgId}, user_id, 'mailbox_failing', ${title}, jsonb_build_object('mailbox_id', ${n.mailboxId}::uuid, 'error', ${n.error.slice(0, 2000)}::text) from recipient
    ), emailed as (
      insert into outbox (org_id, kind, to_address, recipient_user_id, mailbox_id, auto_submitted, subject, body_text)
      select ${n.orgId}, 'mailbox_failing', email, user_id, ${box.route}::uuid, 'auto-generated', ${title}, ${body} from recipient where ${email}
    )
    select count(*)::int as notified from recipient`;
  return { notified: row!.notified, emailed: email };
}
