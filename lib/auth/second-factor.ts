import type { TransactionSql } from '#lib/db/pool.ts';
import type { TokenKeys } from './access-token.ts';
import { qrSvg } from './qr-svg.ts';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';
import { openSecret, sealSecret } from './secret-box.ts';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.ts';

/** The issuer name authenticator apps show next to the account. */
const TOTP_ISSUER = 'ATUM DESK';

export interface TotpEnrolment {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

/**
 * Starts (or restarts) TOTP enrolment for the user in the transaction's context. The secret is
 * stored sealed and unconfirmed; it only guards sign-in once a code from it has been confirmed.
 * Returns null when 2FA is already on: it has to be turned off first, with a code.
 *
 * @example
 * const enrolment = await startTotpEnrolment(tx, keys, userId);
 */
export async function startTotpEnrolment(tx: TransactionSql, keys: TokenKeys, userId: string): Promise<TotpEnrolment | null> {
  const [user] = await tx<{ email: string }[]>`select email from users where id = ${userId}`;
  if (!user) return null;
  const secret = generateTotpSecret();
  const sealed = sealSecret(keys.boxKey, secret);
  const [row] = await tx`
    insert into user_totp (user_id, secret_sealed) values (${userId}, ${sealed})
    on conflict (user_id) do update set secret_sealed = excluded.secret_sealed, created_at = now(), last_used_step = null
      where user_totp.confirmed_at is null
    returning 1 as ok`;
  if (!row) return null;
  const uri = totpUri({ secret, account: user.email, issuer: TOTP_ISSUER });
  return { secret, otpauth_uri: uri, qr_svg: qrSvg(uri) };
}

/**
 * Confirms enrolment with a code from the app, turns 2FA on and issues ten recovery codes,
 * which are shown once and stored hashed. Null when the code is wrong or nothing is pending.
 */
export async function confirmTotpEnrolment(tx: TransactionSql, keys: TokenKeys, userId: string, code: string): Promise<string[] | null> {
  const [pending] = await tx<{ secret_sealed: string }[]>`
    select secret_sealed from user_totp where user_id = ${userId} and confirmed_at is null for update`;
  if (!pending) return null;
  const step = verifyTotp(openSecret(keys.boxKey, pending.secret_sealed), code);
  if (step === null) return null;
  await tx`update user_totp set confirmed_at = now(), last_used_step = ${step} where user_id = ${userId}`;
  return replaceRecoveryCodes(tx, keys, userId);
}

/** Issues a fresh set of ten recovery codes; the old ones stop working. */
async function replaceRecoveryCodes(tx: TransactionSql, keys: TokenKeys, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes(10);
  await tx`delete from user_recovery_codes where user_id = ${userId}`;
  const rows = codes.map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(c, keys.pepper) }));
  await tx`insert into user_recovery_codes ${tx(rows, 'user_id', 'code_hash')}`;
  return codes;
}

export async function hasConfirmedTotp(tx: TransactionSql, userId: string): Promise<boolean> {
  const [row] = await tx`select 1 as ok from user_totp where user_id = ${userId} and confirmed_at is not null`;
  return !!row;
}

/** Turns 2FA off: the secret and the recovery codes go. */
export async function disableTotp(tx: TransactionSql, userId: string): Promise<boolean> {
  const deleted = await tx`delete from user_totp where user_id = ${userId} returning 1 as ok`;
  await tx`delete from user_recovery_codes where user_id = ${userId}`;
  return deleted.length > 0;
}

/**
 * Checks a second factor: a 6-digit TOTP code (±1 step, each step usable once, so a code seen
 * over a shoulder cannot be replayed) or an unused recovery code (spent by this call).
 */
export async function verifySecondFactor(tx: TransactionSql, keys: TokenKeys, userId: string, code: string): Promise<'totp' | 'recovery' | null> {
  const compact = code.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(compact)) {
    const [totp] = await tx<{ secret_sealed: string }[]>`
      select secret_sealed from user_totp where user_id = ${userId} and confirmed_at is not null for update`;
    if (!totp) return null;
    const step = verifyTotp(openSecret(keys.boxKey, totp.secret_sealed), compact);
    if (step === null) return null;
    const [fresh] = await tx`
      update user_totp set last_used_step = ${step}
      where user_id = ${userId} and (last_used_step is null or last_used_step < ${step}) returning 1 as ok`;
    return fresh ? 'totp' : null;
  }
  if (compact.length < 8 || compact.length > 32) return null;
  const [spent] = await tx`
    update user_recovery_codes set used_at = now()
    where user_id = ${userId} and code_hash = ${hashRecoveryCode(code, keys.pepper)} and used_at is null returning 1 as ok`;
  return spent ? 'recovery' : null;
}
