import type { TransactionSql } from '#lib/db/pool.ts';
import type { LiveEvent } from './events.ts';

/**
 * Tells every API process about a change the triggers do not see (presence lives in the
 * key-value store, not in a table). Sent on commit of `tx`, like the triggers' own.
 *
 * @example
 * await notifyLive(db, caller.orgId, 'presence', 42);
 */
export async function notifyLive(tx: TransactionSql, orgId: string, kind: LiveEvent['kind'], id: number | string): Promise<void> {
  await tx`select app.notify_live(${orgId}::uuid, ${kind}, ${String(id)})`;
}
