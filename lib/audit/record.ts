import type { TransactionSql } from '#lib/db/pool.ts';

/** Who did it: a person, an integration's API key, or nobody signed in (a failed login). */
export interface AuditActor {
  userId?: string | null;
  apiKeyId?: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  /** `area.verb`, e.g. `auth.login`, `api_key.revoke`, `member.role_change`. */
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one row to the org's hash-chained audit log (sql/005_identity.sql). It is written in
 * the caller's transaction, so an action and its record commit or roll back together; a failure
 * that must be recorded anyway is recorded in a transaction of its own.
 *
 * @example
 * await audit(tx, orgId, { userId, ip }, { action: 'api_key.create', targetType: 'api_key', targetId: key.id });
 */
export async function audit(tx: TransactionSql, orgId: string, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx`
    insert into audit_log (org_id, actor_user_id, actor_api_key_id, actor_ip, action, target_type, target_id, details)
    values (${orgId}, ${actor.userId ?? null}, ${actor.apiKeyId ?? null}, ${actor.ip ?? null}, ${entry.action},
            ${entry.targetType ?? null}, ${entry.targetId ?? null}, ${tx.json((entry.details ?? {}) as never)})`;
}
