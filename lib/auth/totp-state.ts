import type { TransactionSql } from '#lib/db/pool.ts';
import type { MemberCaller } from './caller.ts';

/**
 * Whether the org requires two-factor authentication of every member: then nobody may turn it
 * off, and whoever has not set it up is sent to do so.
 *
 * @example
 * const required = await orgRequires2fa(db, caller.orgId);
 */
export async function orgRequires2fa(tx: TransactionSql, orgId: string): Promise<boolean> {
  const [org] = await tx<{ require_2fa: boolean }[]>`select require_2fa from organizations where id = ${orgId}`;
  return org?.require_2fa ?? false;
}

/**
 * The caller's 2FA as the security page shows it: whether it is on for them, and whether their
 * org requires it.
 *
 * @example
 * const totp = await totpState(db, caller);
 */
export async function totpState(tx: TransactionSql, caller: Pick<MemberCaller, 'userId' | 'orgId'>): Promise<{ enabled: boolean; required: boolean }> {
  const [state] = await tx<{ enabled: boolean; required: boolean }[]>`
    select exists (select 1 from user_totp where user_id = ${caller.userId} and confirmed_at is not null) as enabled,
           (select require_2fa from organizations where id = ${caller.orgId}) as required`;
  return { enabled: state?.enabled ?? false, required: state?.required ?? false };
}
