import { audit } from '#lib/audit/record.ts';
import type { Caller } from '#lib/auth/caller.ts';
import type { Sql } from '#lib/db/pool.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { revokeByRefreshToken, revokeSession } from './sessions.ts';

/**
 * Signs out, for the top bar's Sign out and the API alike: ends the caller's own session, and the
 * one a refresh token names when that is all the client has left, each with its audit row.
 * Signing out twice, or when not signed in, is fine.
 *
 * @example
 * await logout(c.var.deps.unscoped, caller, refreshToken, c.var.clientIp);
 */
export async function logout(pool: Sql, caller: Caller, refreshToken: string | undefined, ip: string): Promise<void> {
  if (caller.kind === 'member' && caller.sessionId) {
    const { orgId, userId, role, sessionId } = caller;
    await withTenant(pool, { orgId, userId, role }, async (tx) => {
      if (await revokeSession(tx, sessionId, 'logout')) await audit(tx, orgId, { userId, ip }, { action: 'auth.logout', targetType: 'session', targetId: sessionId });
    });
  }
  if (!refreshToken) return;
  const ended = await revokeByRefreshToken(pool, refreshToken, 'logout');
  if (!ended) return;
  await withTenant(pool, { orgId: ended.orgId, userId: ended.userId, role: null }, (tx) =>
    audit(tx, ended.orgId, { userId: ended.userId, ip }, { action: 'auth.logout', targetType: 'session', targetId: ended.sessionId }),
  );
}
