import type { Context } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import type { AuditActor } from '#lib/audit/record.ts';
import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { ClientInfo } from '#lib/auth/sessions.ts';

/** The address and browser a session is recorded with. */
export function clientOf(c: Context<AppEnv>): ClientInfo {
  return { ip: c.var.clientIp, userAgent: c.req.header('user-agent') };
}

/** Who the audit log should name for this request. */
export function actorOf(c: Context<AppEnv>, caller: MemberCaller | ApiKeyCaller): AuditActor {
  return caller.kind === 'member' ? { userId: caller.userId, ip: c.var.clientIp } : { apiKeyId: caller.keyId, ip: c.var.clientIp };
}
