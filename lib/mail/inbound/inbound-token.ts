import { parseToken } from '#lib/auth/opaque-token.ts';
import type { Sql } from '#lib/db/pool.ts';
import { asSystem, withTenant } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** The mailbox an inbound token opens, and its org. */
export interface InboundMailbox {
  orgId: string;
  mailbox: { id: string; subject_pattern: string };
}

const unauthenticated = () =>
  new HttpError(401, 'unauthenticated', t('error.inbound_token_required'), undefined, {
    'WWW-Authenticate': 'Bearer',
  });

/**
 * The enabled mailbox whose inbound token an `Authorization: Bearer atm_…` header presents. The
 * request has no caller, so the lookup runs as the system in the org the token names; a missing,
 * malformed or unknown token, or a disabled mailbox, is the same 401.
 *
 * @example
 * const { orgId, mailbox } = await mailboxOfInboundToken(deps.unscoped, c.req.header('authorization'));
 */
export async function mailboxOfInboundToken(sql: Sql, authorization: string | undefined): Promise<InboundMailbox> {
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const token = presented ? parseToken('mail_inbound', presented) : null;
  if (!token) throw unauthenticated();
  const [mailbox] = await withTenant(
    sql,
    asSystem(token.orgId),
    (tx) => tx<{ id: string; subject_pattern: string }[]>`select id, subject_pattern from mailboxes where inbound_token_hash = ${token.hash} and enabled`,
  );
  if (!mailbox) throw unauthenticated();
  return { orgId: token.orgId, mailbox };
}
