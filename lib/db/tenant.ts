import type { Sql, TransactionSql } from './pool.ts';

export const ROLES = ['customer', 'agent', 'lead', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** Who the database should treat the current transaction as. All null: anonymous. */
export interface TenantScope {
  orgId: string | null;
  userId: string | null;
  role: Role | null;
  /** Recorded by the audit triggers as the actor's address. */
  ip?: string | null;
}

export const ANONYMOUS: TenantScope = { orgId: null, userId: null, role: null };

/**
 * Runs `fn` in one transaction whose `app.org_id`, `app.user_id` and `app.role` settings are
 * transaction-local, so RLS policies see this tenant and a pooled connection never carries it
 * into the next request.
 *
 * @example
 * const rows = await withTenant(sql, { orgId, userId, role: 'agent' }, (tx) => tx`select * from memberships`);
 */
export async function withTenant<T>(sql: Sql, scope: TenantScope, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  const result = await sql.begin(async (tx) => {
    await tx`
      select set_config('app.org_id', ${scope.orgId ?? ''}, true),
             set_config('app.user_id', ${scope.userId ?? ''}, true),
             set_config('app.role', ${scope.role ?? ''}, true),
             set_config('app.client_ip', ${scope.ip ?? ''}, true)`;
    return fn(tx);
  });
  return result as T;
}
