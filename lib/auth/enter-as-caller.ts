import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { readerOfEntered } from '#lib/i18n/member-reader.ts';
import type { Reader } from '#lib/i18n/reader.ts';
import type { Access } from '#lib/router/endpoint.ts';
import type { ApiKeyCaller, Caller, MemberCaller } from './caller.ts';
import type { Permission } from './permissions.ts';
import { t } from '#lib/i18n/translate.ts';

/** `why` is already in the reader's language: it completes the one sentence "Sign in again: …". */
const unauthenticated = (why: string) => new HttpError(401, 'unauthenticated', t('error.sign_in_again', { reason: why }), undefined, { 'WWW-Authenticate': 'Bearer' });
const ipRefused = () => new HttpError(403, 'ip_not_allowed', t('error.ip_not_allowed'));

/** The caller as checked, and who they read as (lib/i18n/member-reader.ts). */
export interface Entered {
  caller: MemberCaller | ApiKeyCaller;
  reader: Reader;
}

/**
 * Scopes the request's transaction to the caller's org, user and role, and checks in the same
 * statement that the credential is as good as what stands behind it now: the membership with
 * the same role, the session not revoked, the API key live, and the client inside the org's IP
 * allowlist. One round trip (sql/008), under RLS, so a change takes effect on the next request.
 * The same row says who the caller reads as (their language and zone, sql/025).
 *
 * @example
 * const { caller, reader } = await enterAsCaller(tx, presented, { access: { permission: 'tickets.read' }, ip, duringMfaSetup: false, proof: entryProofOf(sql) });
 */
export async function enterAsCaller(
  tx: TransactionSql,
  caller: Caller,
  opts: { access: Exclude<Access, 'public'>; ip: string; duringMfaSetup: boolean; proof: Buffer; acceptLanguage?: string | undefined },
): Promise<Entered> {
  if (caller.kind === 'member') {
    const [row] = await tx<{ member_ok: boolean; session_ok: boolean; ip_ok: boolean; mfa_setup: boolean; locale: string | null; time_zone: string | null }[]>`
      select * from app.enter_as_member(${opts.proof}, ${caller.orgId}, ${caller.userId}, ${caller.role}, ${caller.sessionId ?? null}, ${opts.ip})`;
    if (!row?.member_ok) throw unauthenticated(t('error.auth.membership_changed'));
    if (!row.session_ok) throw unauthenticated(t('error.auth.session_signed_out'));
    if (!row.ip_ok) throw ipRefused();
    if (row.mfa_setup && !opts.duringMfaSetup) {
      throw new HttpError(403, 'mfa_enrollment_required', t('error.mfa_enrollment_required'));
    }
    return { caller, reader: readerOfEntered('member', row, opts.acceptLanguage) };
  }
  if (caller.kind !== 'api_key') throw unauthenticated(t('error.auth.no_credentials'));
  const [key] = await tx<{ id: string; name: string; permissions: Permission[]; ip_ok: boolean; stale: boolean; locale: string | null; time_zone: string | null }[]>`
    select * from app.enter_as_api_key(${opts.proof}, ${caller.orgId}, ${caller.tokenHash}, ${opts.ip})`;
  if (!key) throw unauthenticated(t('error.auth.api_key_invalid'));
  if (!key.ip_ok) throw ipRefused();
  if (typeof opts.access === 'object' && !key.permissions.includes(opts.access.permission)) {
    throw new HttpError(403, 'forbidden', t('error.api_key_lacks_permission', { permission: opts.access.permission }));
  }
  // Recorded at most once a minute, so a busy integration does not write a row per request.
  if (key.stale) await tx`update api_keys set last_used_at = now() where id = ${key.id}`;
  return { caller: { kind: 'api_key', orgId: caller.orgId, keyId: key.id, name: key.name, permissions: key.permissions }, reader: readerOfEntered('api_key', key, opts.acceptLanguage) };
}
