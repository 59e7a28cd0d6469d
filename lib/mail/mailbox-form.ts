import { CreateMailbox, UpdateMailbox } from '#lib/mail/mailbox-input.ts';
import type { Mailbox, MailboxInput } from '#lib/mail/mailboxes.ts';
import type { PlaceIssue } from '#lib/http/schema-issues.ts';
import { checkAgainst } from '#lib/pages/form-errors.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';

/** The form's transport security choices, as the API names them, with the key of their words (shown with t() when the form renders). */
export const SECURITY_CHOICES: readonly (readonly [string, MessageKey])[] = [
  ['tls', 'admin_mail.security.tls'],
  ['starttls', 'admin_mail.security.starttls'],
  ['none', 'admin_mail.security.none'],
];

/** What the edit form shows for a stored mailbox. Passwords are never read back: only whether one is kept. */
export function mailboxFormValues(m: Mailbox): Record<string, string> {
  const values: Record<string, string> = {
    name: m.name,
    from_address: m.from_address,
    from_name: m.from_name,
    signature: m.signature,
    subject_pattern: m.subject_pattern,
    imap_host: m.imap_host ?? '',
    imap_port: String(m.imap_port),
    imap_security: m.imap_security,
    imap_user: m.imap_user ?? '',
    imap_folder: m.imap_folder,
    smtp_host: m.smtp_host ?? '',
    smtp_port: String(m.smtp_port),
    smtp_security: m.smtp_security,
    smtp_user: m.smtp_user ?? '',
  };
  if (m.enabled) values.enabled = 'on';
  return values;
}

/** Refusals of the API's library that belong beside one field of the form. */
export const MAILBOX_FIELD_FOR = { mailbox_exists: 'from_address', imap_incomplete: 'imap_password' };

/** A new mailbox: enabled, with the database's defaults for ports, security, folder and subject pattern. */
export function newMailboxValues(): Record<string, string> {
  return { enabled: 'on', imap_port: '993', imap_security: 'tls', imap_folder: 'INBOX', smtp_port: '587', smtp_security: 'starttls', subject_pattern: '[#{number}]' };
}

type Checked = { ok: true; value: MailboxInput } | { ok: false; errors: Record<string, string> };

/** A port as typed: a number when it is digits, else the text (for the schema to refuse). */
const port = (text: string | undefined) => (/^\d+$/.test(text?.trim() ?? '') ? Number(text) : (text ?? ''));
const orNull = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/**
 * The mailbox form as a JSON body of the API. A blank host or user is none (null); a blank
 * password keeps the stored one (it is left out), so it is never needed back in the page.
 */
function candidate(values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: values.name ?? '',
    from_address: values.from_address ?? '',
    from_name: values.from_name ?? '',
    signature: values.signature ?? '',
    subject_pattern: values.subject_pattern ?? '',
    enabled: values.enabled === 'on',
  };
  for (const kind of ['imap', 'smtp'] as const) {
    body[`${kind}_host`] = orNull(values[`${kind}_host`]);
    body[`${kind}_port`] = port(values[`${kind}_port`]);
    body[`${kind}_security`] = values[`${kind}_security`] ?? '';
    body[`${kind}_user`] = orNull(values[`${kind}_user`]);
    if (values[`${kind}_password`]) body[`${kind}_password`] = values[`${kind}_password`];
  }
  if (values.imap_folder !== undefined) body.imap_folder = values.imap_folder.trim();
  return body;
}

const place: PlaceIssue = (path, message) => {
  const field = path.split('.')[0] || 'name';
  return [field, field.endsWith('_port') ? t('admin_mail.error.port') : message];
};

/**
 * The new-mailbox form checked as POST /api/v1/mailboxes's body.
 *
 * @example
 * const checked = checkNewMailbox(values);
 * if (checked.ok) await createMailbox(tx, key, orgId, actor, checked.value);
 */
export function checkNewMailbox(values: Record<string, string>): Checked {
  return checkAgainst(CreateMailbox, candidate(values), place);
}

/**
 * The edit form checked as PATCH /api/v1/mailboxes/:id's body, keeping only what differs from
 * `stored`: saving the name alone must not look like new IMAP settings, which would restart
 * the mailbox's UID progress. A typed password always counts as a change.
 *
 * @example
 * const checked = checkMailboxChanges(values, box);
 * if (checked.ok && Object.keys(checked.value).length) await updateMailbox(tx, key, orgId, actor, box.id, checked.value);
 */
export function checkMailboxChanges(values: Record<string, string>, stored: Mailbox): Checked {
  const checked = checkAgainst(UpdateMailbox, candidate(values), place);
  if (!checked.ok) return checked;
  const changes: MailboxInput = {};
  for (const [k, value] of Object.entries(checked.value) as [keyof MailboxInput, unknown][]) {
    if (value === undefined) continue;
    if (k.endsWith('_password') || stored[k as keyof Mailbox] !== value) (changes as Record<string, unknown>)[k] = value;
  }
  return { ok: true, value: changes };
}
