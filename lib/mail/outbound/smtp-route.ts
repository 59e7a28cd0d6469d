import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { MailConfig } from '#lib/config.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { openMailSecret } from '#lib/mail/secret-key.ts';

/** How one message leaves: the SMTP server, and the identity it is sent as. */
export interface SmtpRoute {
  /** nodemailer's options. Holds a password: never log it. */
  transport: SMTPTransportOptions;
  from: { name: string; address: string };
  /** For the error message: which setting the server came from. */
  via: string;
}

/** No SMTP server for this message yet: a setting is missing, which an admin may add before the last try. */
export class NoSmtpServer extends Error {
  override name = 'NoSmtpServer';
}

// Short enough that no SMTP conversation outlives MAIL_SENDING_TIMEOUT_MINUTES (5 at least).
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * The route of a message: its mailbox's SMTP server (password opened with the mail key) and
 * From. Mail without a mailbox (invitations, password resets, SLA alerts) goes through SMTP_URL
 * as MAIL_FROM, or, when SMTP_URL is unset, through the org's first mailbox that has an SMTP
 * server. A mailbox without an SMTP host sends through SMTP_URL as itself.
 */
export async function smtpRoute(tx: TransactionSql, mailKey: Uint8Array, mail: MailConfig, mailboxId: string | null): Promise<SmtpRoute> {
  // Mail of no mailbox goes through SMTP_URL when set, else as the org's first mailbox that can send.
  const [box] =
    mailboxId === null && mail.smtpUrl
      ? []
      : await tx<
          {
            name: string;
            from_address: string;
            from_name: string;
            smtp_host: string | null;
            smtp_port: number;
            smtp_security: 'tls' | 'starttls' | 'none';
            smtp_user: string | null;
            smtp_password_sealed: string | null;
          }[]
        >`
    select name, from_address, from_name, smtp_host, smtp_port, smtp_security::text, smtp_user, smtp_password_sealed
    from mailboxes
    where ${mailboxId}::uuid is not null and id = ${mailboxId}::uuid
       or ${mailboxId}::uuid is null and enabled and smtp_host is not null
    order by created_at, id limit 1`;
  if (box?.smtp_host) {
    const pass = box.smtp_password_sealed === null ? undefined : openMailSecret(mailKey, box.smtp_password_sealed);
    return {
      transport: {
        host: box.smtp_host,
        port: box.smtp_port,
        secure: box.smtp_security === 'tls',
        requireTLS: box.smtp_security === 'starttls',
        ignoreTLS: box.smtp_security === 'none',
        ...(box.smtp_user ? { auth: { user: box.smtp_user, pass } } : {}),
        ...TIMEOUTS,
      },
      from: { name: box.from_name, address: box.from_address },
      via: `mailbox "${box.name}"`,
    };
  }
  if (!mail.smtpUrl) {
    throw new NoSmtpServer(
      box
        ? `mailbox "${box.name}" has no SMTP host and SMTP_URL is not set: give the mailbox an SMTP server, or set SMTP_URL`
        : 'no SMTP server: set SMTP_URL (and MAIL_FROM) for mail that no mailbox sends, or add a mailbox with an SMTP server',
    );
  }
  return { transport: { url: mail.smtpUrl, ...TIMEOUTS }, from: box ? { name: box.from_name, address: box.from_address } : parseAddress(mail.from), via: 'SMTP_URL' };
}

/** `Name <a@b>` or `a@b`, as MAIL_FROM allows. */
function parseAddress(value: string): { name: string; address: string } {
  const m = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  return m ? { name: m[1]!.replace(/^"|"$/g, ''), address: m[2]! } : { name: '', address: value.trim() };
}
