import type { AppDeps } from '#lib/app-env.ts';
import { audit } from '#lib/audit/record.ts';
import type { Sql } from '#lib/db/pool.ts';
import { SERVICE, withTenant, type Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { signMfaToken } from './mfa-token.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { hasConfirmedTotp } from './second-factor.ts';
import { createSession, type ClientInfo, type TokenPair } from './sessions.ts';
import { createThrottle, LOGIN_ACCOUNT, LOGIN_IP, retryAfterHeader } from './throttle.ts';
import { t } from '#lib/i18n/translate.ts';

export interface LoginInput {
  org: string;
  email: string;
  password: string;
}

export type LoginOutcome = { kind: 'tokens'; tokens: TokenPair; orgId: string; userId: string; role: Role; mfaSetupRequired: boolean } | { kind: 'mfa'; mfaToken: string };

/** One answer for every wrong combination, so no response says whether an org or email exists. */
const INVALID_CREDENTIALS = () => new HttpError(401, 'invalid_credentials', t('error.invalid_credentials'));

interface Candidate {
  user_id: string;
  role: Role;
  disabled: boolean;
  password_hash: string | null;
}

interface OrgGate {
  candidate: Candidate | undefined;
  ipAllowed: boolean;
  require2fa: boolean;
}

/**
 * Checks a password sign-in. Throttled per IP and per account before anything else, so a
 * throttled account is refused even with the right password. An unknown org or email costs the
 * same argon2 verification as a wrong password and gets the same 401.
 *
 * @example
 * const outcome = await passwordLogin(deps, { org: 'acme', email, password }, { ip, userAgent });
 * if (outcome.kind === 'mfa') return { mfa_required: true, mfa_token: outcome.mfaToken };
 */
export async function passwordLogin(deps: AppDeps, input: LoginInput, client: ClientInfo): Promise<LoginOutcome> {
  const ipThrottle = createThrottle(deps.kv, LOGIN_IP);
  const accountThrottle = createThrottle(deps.kv, LOGIN_ACCOUNT);
  const accountKey = `${input.org.trim().toLowerCase()}:${input.email.trim().toLowerCase()}`;
  for (const [throttle, key] of [
    [ipThrottle, client.ip],
    [accountThrottle, accountKey],
  ] as const) {
    const state = await throttle.check(key);
    if (!state.allowed) throw tooManyAttempts(state.retryAfterSeconds);
  }

  const orgId = await orgIdBySlug(deps.unscoped, input.org);
  const gate = orgId ? await readGate(deps.unscoped, orgId, input.email, client.ip) : undefined;
  if (gate && !gate.ipAllowed) throw new HttpError(403, 'ip_not_allowed', t('error.ip_not_allowed_sign_in'));

  const candidate = gate?.candidate;
  const passwordOk = await verifyPassword(candidate?.password_hash ?? (await dummyHash()), input.password);
  if (!orgId || !candidate || candidate.disabled || !candidate.password_hash || !passwordOk) {
    const reason = !candidate ? 'unknown_email' : candidate.disabled ? 'member_disabled' : 'wrong_password';
    await Promise.all([ipThrottle.fail(client.ip), accountThrottle.fail(accountKey)]);
    if (orgId) {
      await withTenant(deps.unscoped, { orgId, userId: null, role: null }, (tx) =>
        audit(tx, orgId, { userId: candidate?.user_id ?? null, ip: client.ip }, { action: 'auth.login_failed', details: { email: input.email.slice(0, 254), reason } }),
      );
    }
    throw INVALID_CREDENTIALS();
  }
  await accountThrottle.reset(accountKey);

  const owner = { orgId, userId: candidate.user_id, role: candidate.role };
  const rehashed = needsRehash(candidate.password_hash) ? await hashPassword(input.password) : null;
  return withTenant(deps.unscoped, owner, async (tx): Promise<LoginOutcome> => {
    if (rehashed) await tx`update users set password_hash = ${rehashed}, updated_at = now() where id = ${owner.userId}`;
    if (await hasConfirmedTotp(tx, owner.userId)) return { kind: 'mfa', mfaToken: await signMfaToken(deps.tokenKeys, owner) };
    const { sessionId, tokens } = await createSession(tx, deps.tokenKeys, owner, client);
    await audit(tx, orgId, { userId: owner.userId, ip: client.ip }, { action: 'auth.login', targetType: 'session', targetId: sessionId, details: { method: 'password' } });
    return { kind: 'tokens', tokens, ...owner, mfaSetupRequired: gate!.require2fa };
  });
}

export function tooManyAttempts(retryAfterSeconds: number): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new HttpError(429, 'too_many_attempts', t('error.too_many_attempts', { seconds }), undefined, retryAfterHeader(seconds));
}

export async function orgIdBySlug(sql: Sql, slug: string): Promise<string | null> {
  const [row] = await withTenant(sql, SERVICE, (tx) => tx<{ id: string | null }[]>`select app.org_id_by_slug(${slug.trim().slice(0, 63)}) as id`);
  return row?.id ?? null;
}

async function readGate(sql: Sql, orgId: string, email: string, ip: string): Promise<OrgGate> {
  return withTenant(sql, { orgId, userId: null, role: null }, async (tx) => {
    const [org] = await tx<{ ip_allowed: boolean; require_2fa: boolean }[]>`
      select cardinality(ip_allowlist) = 0 or ${ip}::inet <<= any (ip_allowlist) as ip_allowed, require_2fa
      from organizations where id = ${orgId}`;
    const [candidate] = await tx<Candidate[]>`select * from app.login_candidate(${email.trim().slice(0, 254)})`;
    return { candidate, ipAllowed: org?.ip_allowed ?? false, require2fa: org?.require_2fa ?? false };
  });
}

let dummy: Promise<string> | undefined;
/** A real argon2id hash with today's parameters, verified when there is no user, to spend the same time. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword('atum-desk timing equaliser, never a real password');
  return dummy;
}
