import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { readerRole } from './caller-view.ts';
import type { ViewRow } from './saved-views.ts';
import { viewCount } from './view-count.ts';
import { viewQuery } from './view-filters.ts';

/** Whom a ticket list runs for: `assignee: 'me'` needs the person, search the role. */
export function listerOf(caller: MemberCaller | ApiKeyCaller): { userId: string | null; role: Role } {
  return { userId: caller.kind === 'member' ? caller.userId : null, role: readerRole(caller) };
}

/**
 * A view as the API answers it, with how many tickets it shows now (`count`, and `capped` past
 * the cap). A view whose filters no longer parse still lists, with `count: null`.
 *
 * @example
 * return { items: await Promise.all(views.map((view) => viewJson(db, caller, view))) };
 */
export async function viewJson(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, view: ViewRow): Promise<ViewRow & { count: number | null; capped: boolean }> {
  try {
    const { filters, cf } = await viewQuery(tx, view, { limit: 1 });
    return { ...view, ...(await viewCount(tx, listerOf(caller), filters, cf)) };
  } catch (err) {
    if (err instanceof HttpError && err.code === 'invalid_view') return { ...view, count: null, capped: false };
    throw err;
  }
}
