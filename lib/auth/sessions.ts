import type { Sql, TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { audit } from '#lib/audit/record.ts';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, type TokenKeys } from './access-token.ts';
import { mintToken, parseToken } from './opaque-token.ts';

/** A session ends 30 days after sign-in whatever happens, or after 14 days unused. */
export const SESSION_MAX_DAYS = 30;
const SESSION_IDLE_DAYS = 14;
/**
 * Two tabs that refresh at once both present the same token; the second one is let through for
 * this long. Only the token used last gets it: an older one is always a replay.
 */
const REFRESH_GRACE_SECONDS = 10;

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export interface SessionOwner {
  orgId: string;
  userId: string;
  role: Role;
}

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

/**
 * Starts a session and issues its first token pair. Runs in a transaction scoped to the org.
 *
 * @example
 * const { sessionId, tokens } = await createSession(tx, keys, { orgId, userId, role }, { ip, userAgent });
 */
export async function createSession(tx: TransactionSql, keys: TokenKeys, owner: SessionOwner, client: ClientInfo): Promise<{ sessionId: string; tokens: TokenPair }> {
  const [session] = await tx<{ id: string }[]>`
    insert into sessions (org_id, user_id, expires_at, ip, user_agent)
    values (${owner.orgId}, ${owner.userId}, now() + make_interval(days => ${SESSION_MAX_DAYS}), ${client.ip}, ${truncate(client.userAgent)})
    returning id`;
  const sessionId = session!.id;
  return { sessionId, tokens: await issueTokens(tx, keys, owner, sessionId) };
}

export type RefreshResult = { ok: true; tokens: TokenPair; owner: SessionOwner; sessionId: string } | { ok: false; reason: 'invalid' | 'expired' | 'revoked' | 'reused' };

interface PresentedToken {
  session_id: string;
  used_at: Date | null;
  user_id: string;
  revoked_at: Date | null;
  expired: boolean;
  role: Role;
  disabled: boolean;
}

/**
 * Rotates a refresh token: the presented one is spent and a new pair comes back. A spent token
 * presented again (outside the grace window) means it was copied, so the whole session, every
 * token descended from the same sign-in, is revoked. The revocation commits even though the
 * caller answers 401, which is why this opens its own transaction.
 */
export async function refreshSession(sql: Sql, keys: TokenKeys, refreshToken: string, client: ClientInfo): Promise<RefreshResult> {
  const parsed = parseToken('refresh', refreshToken);
  if (!parsed) return { ok: false, reason: 'invalid' };
  const { orgId, hash } = parsed;
  return withTenant(sql, { orgId, userId: null, role: null }, async (tx): Promise<RefreshResult> => {
    const [t] = await tx<PresentedToken[]>`
      select rt.session_id, rt.used_at, s.user_id, s.revoked_at, m.role,
             m.disabled_at is not null as disabled,
             s.expires_at < now() or s.last_seen_at < now() - make_interval(days => ${SESSION_IDLE_DAYS}) as expired
      from refresh_tokens rt
      join sessions s on s.org_id = rt.org_id and s.id = rt.session_id
      join memberships m on m.org_id = s.org_id and m.user_id = s.user_id
      where rt.token_hash = ${hash}
      for update of s`;
    if (!t) return { ok: false, reason: 'invalid' };
    if (t.revoked_at || t.disabled) return { ok: false, reason: 'revoked' };
    if (t.expired) return { ok: false, reason: 'expired' };
    if (t.used_at && !(await isGraceReuse(tx, t.session_id, hash))) {
      await revokeSession(tx, t.session_id, 'refresh_token_reuse');
      await audit(tx, orgId, { userId: t.user_id, ip: client.ip }, { action: 'auth.refresh_reuse', targetType: 'session', targetId: t.session_id });
      return { ok: false, reason: 'reused' };
    }
    if (!t.used_at) await tx`update refresh_tokens set used_at = now() where token_hash = ${hash}`;
    await tx`update sessions set last_seen_at = now(), ip = ${client.ip} where id = ${t.session_id}`;
    const owner = { orgId, userId: t.user_id, role: t.role };
    return { ok: true, owner, sessionId: t.session_id, tokens: await issueTokens(tx, keys, owner, t.session_id) };
  });
}

/** True when `hash` is the token spent last in this session, and only moments ago. */
async function isGraceReuse(tx: TransactionSql, sessionId: string, hash: Buffer): Promise<boolean> {
  const [last] = await tx<{ token_hash: Buffer; recent: boolean }[]>`
    select token_hash, used_at > now() - make_interval(secs => ${REFRESH_GRACE_SECONDS}) as recent
    from refresh_tokens where session_id = ${sessionId} and used_at is not null
    order by used_at desc limit 1`;
  return !!last && last.recent && last.token_hash.equals(hash);
}

async function issueTokens(tx: TransactionSql, keys: TokenKeys, owner: SessionOwner, sessionId: string): Promise<TokenPair> {
  const refresh = mintToken('refresh', owner.orgId);
  await tx`insert into refresh_tokens (org_id, token_hash, session_id) values (${owner.orgId}, ${refresh.hash}, ${sessionId})`;
  const access = await signAccessToken(keys, { ...owner, sessionId });
  return { access_token: access, refresh_token: refresh.token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS };
}

/** Ends a session and every refresh token in it. Returns the session's user, or null if it was not live. */
export async function revokeSession(tx: TransactionSql, sessionId: string, reason: string): Promise<string | null> {
  const [row] = await tx<{ user_id: string }[]>`
    update sessions set revoked_at = now(), revoked_reason = ${reason}
    where id = ${sessionId} and revoked_at is null returning user_id`;
  return row?.user_id ?? null;
}

/**
 * Signs out one of the person's own sessions (in this org) and records it. False when the id is
 * not a live session of theirs, another person's included.
 */
export async function revokeOwnSession(tx: TransactionSql, owner: { orgId: string; userId: string }, sessionId: string, ip: string): Promise<boolean> {
  const [own] = await tx`select 1 as ok from sessions where id = ${sessionId} and user_id = ${owner.userId} and revoked_at is null`;
  if (!own) return false;
  await revokeSession(tx, sessionId, 'revoked_by_user');
  await audit(tx, owner.orgId, { userId: owner.userId, ip }, { action: 'session.revoke', targetType: 'session', targetId: sessionId });
  return true;
}

/** Ends the session a refresh token belongs to (sign-out with only the refresh token at hand). */
export async function revokeByRefreshToken(sql: Sql, refreshToken: string, reason: string): Promise<{ orgId: string; userId: string; sessionId: string } | null> {
  const parsed = parseToken('refresh', refreshToken);
  if (!parsed) return null;
  return withTenant(sql, { orgId: parsed.orgId, userId: null, role: null }, async (tx) => {
    const [row] = await tx<{ session_id: string }[]>`select session_id from refresh_tokens where token_hash = ${parsed.hash}`;
    if (!row) return null;
    const userId = await revokeSession(tx, row.session_id, reason);
    return userId ? { orgId: parsed.orgId, userId, sessionId: row.session_id } : null;
  });
}

export interface SessionView {
  id: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
}

/** Live sessions in the current org, for one user or (userId null) for everyone. */
export async function listSessions(tx: TransactionSql, userId: string | null, currentSessionId: string | undefined): Promise<SessionView[]> {
  return tx<SessionView[]>`
    select id, user_id, created_at, last_seen_at, expires_at, host(ip) as ip, user_agent,
           id = ${currentSessionId ?? null}::uuid is true as current
    from sessions
    where revoked_at is null and expires_at > now()
      and (${userId}::uuid is null or user_id = ${userId}::uuid)
    order by last_seen_at desc
    limit 500`;
}

function truncate(userAgent: string | undefined): string | null {
  return userAgent ? userAgent.slice(0, 500) : null;
}
