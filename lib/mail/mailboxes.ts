import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { mintToken } from '#lib/auth/opaque-token.ts';
import { openMailSecret, sealMailSecret } from './secret-key.ts';
import { t } from '#lib/i18n/translate.ts';

type TransportSecurity = 'tls' | 'starttls' | 'none';

/** A mailbox as stored, minus its sealed passwords (only `mailboxSecrets` reads those). */
export interface Mailbox {
  id: string;
  org_id: string;
  name: string;
  enabled: boolean;
  imap_host: string | null;
  imap_port: number;
  imap_security: TransportSecurity;
  imap_user: string | null;
  imap_folder: string;
  has_imap_password: boolean;
  smtp_host: string | null;
  smtp_port: number;
  smtp_security: TransportSecurity;
  smtp_user: string | null;
  has_smtp_password: boolean;
  from_address: string;
  from_name: string;
  signature: string;
  subject_pattern: string;
  has_inbound_token: boolean;
  status: 'ok' | 'failing';
  last_error: string | null;
  failing_since: Date | null;
  consecutive_failures: number;
  next_try_at: Date;
  last_polled_at: Date | null;
  uidvalidity: string | null;
  last_uid: string;
  created_at: Date;
  updated_at: Date;
}

/** What an admin may set. Passwords are plaintext here and sealed before they reach SQL; null clears. */
export interface MailboxInput {
  name?: string | undefined;
  enabled?: boolean | undefined;
  imap_host?: string | null | undefined;
  imap_port?: number | undefined;
  imap_security?: TransportSecurity | undefined;
  imap_user?: string | null | undefined;
  imap_password?: string | null | undefined;
  imap_folder?: string | undefined;
  smtp_host?: string | null | undefined;
  smtp_port?: number | undefined;
  smtp_security?: TransportSecurity | undefined;
  smtp_user?: string | null | undefined;
  smtp_password?: string | null | undefined;
  from_address?: string | undefined;
  from_name?: string | undefined;
  signature?: string | undefined;
  subject_pattern?: string | undefined;
}

const COLUMNS = `id, org_id, name, enabled, imap_host, imap_port, imap_security::text, imap_user, imap_folder,
  imap_password_sealed is not null as has_imap_password, smtp_host, smtp_port, smtp_security::text, smtp_user,
  smtp_password_sealed is not null as has_smtp_password, from_address, from_name, signature, subject_pattern,
  inbound_token_hash is not null as has_inbound_token, status::text, last_error, failing_since, consecutive_failures,
  next_try_at, last_polled_at, uidvalidity::text, last_uid::text, created_at, updated_at`;

// Plain columns an admin sets; passwords go through sealing, so they are not in this list.
const PLAIN = [
  'name',
  'enabled',
  'imap_host',
  'imap_port',
  'imap_security',
  'imap_user',
  'imap_folder',
  'smtp_host',
  'smtp_port',
  'smtp_security',
  'smtp_user',
  'from_address',
  'from_name',
  'signature',
  'subject_pattern',
] as const;

/** The org's mailboxes, by name. RLS keeps them to the caller's org. */
export async function listMailboxes(tx: TransactionSql): Promise<Mailbox[]> {
  return tx.unsafe<Mailbox[]>(`select ${COLUMNS} from mailboxes order by lower(name), id`);
}

/** One mailbox; another org's id is a 404, by RLS. */
export async function findMailbox(tx: TransactionSql, id: string, opts: { lock?: boolean } = {}): Promise<Mailbox> {
  const [row] = await tx.unsafe<Mailbox[]>(`select ${COLUMNS} from mailboxes where id = $1${opts.lock ? ' for update' : ''}`, [id]);
  if (!row) throw new HttpError(404, 'not_found', t('error.mailbox_not_found', { id }));
  return row;
}

/**
 * Creates a mailbox, or changes one (`id` given): only the fields present change, passwords are
 * sealed with `key`. Changing the IMAP server, user or folder restarts its UID progress and
 * lets it be tried at once; a from address another mailbox uses is a 409.
 *
 * @example
 * const box = await saveMailbox(db, key, orgId, null, { name: 'Support', from_address: 'help@acme.test' });
 */
export async function saveMailbox(tx: TransactionSql, key: Uint8Array, orgId: string, id: string | null, input: MailboxInput): Promise<Mailbox> {
  const values: Record<string, unknown> = {};
  for (const col of PLAIN) if (input[col] !== undefined) values[col] = input[col];
  for (const kind of ['imap', 'smtp'] as const) {
    const pw = input[`${kind}_password`];
    if (pw !== undefined) values[`${kind}_password_sealed`] = pw === null ? null : sealMailSecret(key, pw);
  }
  // Another account or folder has other UIDs: start over (Message-IDs keep what was filed from
  // being filed again). New credentials only earn an immediate retry.
  const movesImap = ['imap_host', 'imap_port', 'imap_user', 'imap_folder'].some((c) => c in values);
  const retriesImap = movesImap || ['imap_password_sealed', 'imap_security', 'enabled'].some((c) => c in values);
  const cols = Object.keys(values);
  try {
    if (id === null) {
      const [row] = await tx.unsafe<{ id: string }[]>(`insert into mailboxes (org_id, ${cols.join(', ')}) values ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}) returning id`, [
        orgId,
        ...cols.map((c) => values[c] as never),
      ]);
      return findMailbox(tx, row!.id);
    }
    await findMailbox(tx, id, { lock: true });
    const sets = cols.map((c, i) => `${c} = $${i + 2}`);
    if (movesImap) sets.push('uidvalidity = null, last_uid = 0');
    if (retriesImap) sets.push('next_try_at = now()');
    await tx.unsafe(`update mailboxes set ${[...sets, 'updated_at = now()'].join(', ')} where id = $1`, [id, ...cols.map((c) => values[c] as never)]);
    return findMailbox(tx, id);
  } catch (err) {
    throw translate(err, input);
  }
}

function translate(err: unknown, input: MailboxInput): unknown {
  const e = err as { code?: string; constraint_name?: string };
  if (e.code === '23505' && e.constraint_name === 'mailboxes_from_address_key') {
    return new HttpError(409, 'mailbox_exists', input.from_address ? t('error.mailbox_exists', { address: input.from_address }) : t('error.mailbox_exists_same_address'));
  }
  if (e.code === '23514' && e.constraint_name === 'mailboxes_imap_complete') {
    return new HttpError(422, 'imap_incomplete', t('error.imap_incomplete'));
  }
  return err;
}

/** Deletes a mailbox; its filed mail stays (mail_inbound keeps the raw MIME, mailbox_id cleared). */
export async function deleteMailbox(tx: TransactionSql, id: string): Promise<void> {
  const rows = await tx`delete from mailboxes where id = ${id} returning id`;
  if (!rows.length) throw new HttpError(404, 'not_found', t('error.mailbox_not_found', { id }));
}

/**
 * A new token for POST /api/v1/mail/inbound (the old one stops working). Shown once; only its
 * SHA-256 is stored.
 */
export async function rotateInboundToken(tx: TransactionSql, orgId: string, id: string): Promise<string> {
  await findMailbox(tx, id, { lock: true });
  const { token, hash } = mintToken('mail_inbound', orgId);
  await tx`update mailboxes set inbound_token_hash = ${hash}, updated_at = now() where id = ${id}`;
  return token;
}

/** The mailbox's passwords in clear, for the poller and the sender only. */
export async function mailboxSecrets(tx: TransactionSql, key: Uint8Array, id: string): Promise<{ imapPassword: string | null; smtpPassword: string | null }> {
  const [row] = await tx<{ imap: string | null; smtp: string | null }[]>`
    select imap_password_sealed as imap, smtp_password_sealed as smtp from mailboxes where id = ${id}`;
  if (!row) throw new HttpError(404, 'not_found', t('error.mailbox_not_found', { id }));
  return {
    imapPassword: row.imap === null ? null : openMailSecret(key, row.imap),
    smtpPassword: row.smtp === null ? null : openMailSecret(key, row.smtp),
  };
}

/** The API shape: everything but the passwords and the token, which are only ever written. */
export function serializeMailbox(m: Mailbox) {
  return {
    id: m.id,
    name: m.name,
    enabled: m.enabled,
    imap_host: m.imap_host,
    imap_port: m.imap_port,
    imap_security: m.imap_security,
    imap_user: m.imap_user,
    imap_folder: m.imap_folder,
    has_imap_password: m.has_imap_password,
    smtp_host: m.smtp_host,
    smtp_port: m.smtp_port,
    smtp_security: m.smtp_security,
    smtp_user: m.smtp_user,
    has_smtp_password: m.has_smtp_password,
    from_address: m.from_address,
    from_name: m.from_name,
    signature: m.signature,
    subject_pattern: m.subject_pattern,
    has_inbound_token: m.has_inbound_token,
    status: m.status,
    last_error: m.last_error,
    failing_since: m.failing_since,
    consecutive_failures: m.consecutive_failures,
    next_try_at: m.next_try_at,
    last_polled_at: m.last_polled_at,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}
