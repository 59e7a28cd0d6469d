import { entryProofOf, type Sql, type TransactionSql } from './pool.ts';

export const ROLES = ['customer', 'agent', 'lead', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** Who the database should treat the current transaction as. All null: anonymous. */
export interface TenantScope {
  orgId: string | null;
  userId: string | null;
  role: Role | null;
  /** Recorded by the audit triggers as the actor's address. */
  ip?: string | null;
  /** The context of ATUM DESK's own cross-org work, the only one the cross-org functions answer. */
  service?: boolean;
}

export const ANONYMOUS: TenantScope = { orgId: null, userId: null, role: null };

/** The worker's sweeps over every org, the sign-in's lookup of an org by slug: no org, no person. */
export const SERVICE: TenantScope = { orgId: null, userId: null, role: null, service: true };

/**
 * ATUM DESK's own work inside one org (mail intake and delivery, SLA checks, autoclose, search
 * reindex): no person, with an admin's reach, so RLS still holds it to that org.
 *
 * @example
 * await withTenant(sql, asSystem(orgId), (tx) => closeDue(tx));
 */
export function asSystem(orgId: string): TenantScope {
  return { orgId, userId: null, role: 'admin' };
}

/**
 * Runs `fn` in one transaction whose `app.org_id`, `app.user_id` and `app.role` settings are
 * transaction-local, so RLS policies see this tenant and a pooled connection never carries it
 * into the next request.
 *
 * @example
 * const rows = await withTenant(sql, { orgId, userId, role: 'agent' }, (tx) => tx`select * from memberships`);
 */
export async function withTenant<T>(sql: Sql, scope: TenantScope, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  const proof = entryProofOf(sql);
  const result = await sql.begin(async (tx) => {
    await enterTenant(tx, proof, scope);
    return fn(tx);
  });
  return result as T;
}

/**
 * Sets (or changes, within the transaction) the tenant context through app.enter (sql/022),
 * which signs it; a set_config of the same settings by hand would not be believed.
 */
export async function enterTenant(tx: TransactionSql, proof: Buffer, scope: TenantScope): Promise<void> {
  await tx`select app.enter(${proof}, ${scope.service === true}, ${scope.orgId}, ${scope.userId}, ${scope.role}, null, ${scope.ip ?? ''})`;
}
