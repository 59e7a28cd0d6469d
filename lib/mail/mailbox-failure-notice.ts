import type { TransactionSql } from '#lib/db/pool.ts';
import { storedReader } from '#lib/i18n/member-reader.ts';
import { forReader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';

/** What the notice needs to know of the failure and of the outbound routes. */
export interface FailureNotice {
  orgId: string;
  mailboxId: string;
  error: string;
  /** SMTP_URL is set: mail of no mailbox has a route of its own. */
  smtpUrlSet: boolean;
}

/** One admin or owner to tell, with the notice's words in their language. */
interface Recipient {
  user_id: string;
  email: string;
  title: string;
  body: string;
}

/** The notice's title and email text as one reader reads them; the error stays in the words the server gave. */
function noticeText(name: string, n: FailureNotice): { title: string; body: string } {
  const title = t('admin_mail.failing.title', { name });
  return { title, body: t('admin_mail.failing.body', { title, error: n.error, url: `/app/admin/mailboxes/${n.mailboxId}` }) };
}

/**
 * Tells the org's admins and owners that a mailbox stopped fetching mail: an in-app
 * notification each (kind `mailbox_failing`), and an email through a route that does not
 * depend on the failing mailbox: another enabled mailbox's SMTP server, else SMTP_URL. With
 * neither, only the in-app notice is written (the mailbox's own server is likely down with it).
 * Each is written in its recipient's language (app.reader_of), since the title is stored as text.
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
  const people = await tx<{ user_id: string; email: string; locale: string | null; time_zone: string | null }[]>`
    select m.user_id, u.email, r.locale, r.time_zone from memberships m join people u on u.id = m.user_id cross join lateral app.reader_of(m.user_id) r
    where m.role in ('admin', 'owner') and m.disabled_at is null`;
  const recipients: Recipient[] = people.map((p) => ({
    user_id: p.user_id,
    email: p.email,
    ...forReader(storedReader(p), () => noticeText(box.name, n)),
  }));
  const email = box.route !== null || n.smtpUrlSet;
  await tx`
    with recipient as (
      select * from jsonb_to_recordset(${tx.json(recipients as never)}) as x (user_id uuid, email text, title text, body text)
    ), notified as (
      insert into notifications (org_id, user_id, kind, title, details)
      select ${n.orgId}, user_id, 'mailbox_failing', title, jsonb_build_object('mailbox_id', ${n.mailboxId}::uuid, 'error', ${n.error.slice(0, 2000)}::text) from recipient
    )
    insert into outbox (org_id, kind, to_address, recipient_user_id, mailbox_id, auto_submitted, subject, body_text)
    select ${n.orgId}, 'mailbox_failing', email, user_id, ${box.route}::uuid, 'auto-generated', title, body from recipient where ${email}`;
  return { notified: recipients.length, emailed: email };
}
