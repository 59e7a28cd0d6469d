import * as v from 'valibot';
import { mustBeAny, mustBeTimestamp } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { listTickets, type TicketFilterInput } from '#lib/tickets/list.ts';

/**
 * The query of a queue's "fresh" check, besides the queue's own filters: when the page was
 * drawn, the tickets it drew (their rows refresh themselves), and `resync` after the live stream
 * was interrupted (the drawn rows may have missed changes too).
 */
export const FreshQuery = v.object({
  since: v.pipe(v.string(), v.isoTimestamp(mustBeTimestamp)),
  shown: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^(\d{1,16}(,\d{1,16}){0,199})?$/, () => t('validation.queue.shown')),
    ),
    '',
  ),
  resync: v.optional(v.picklist(['1'], mustBeAny(["'1'"]))),
});
export type FreshQuery = v.InferOutput<typeof FreshQuery>;

/** Looked at per check: a queue notice says "50+" past this. */
const LOOK = 50;
/**
 * `since` is taken this long before the page's own query: a change committed just after that
 * query by a transaction that began before it is then still counted, never lost.
 */
const SKEW_MS = 2000;

export interface Freshness {
  /** Tickets matching the queue now, changed since it was drawn, and not among its drawn rows (all of them after a resync). */
  count: number;
  /** More than `count`. */
  more: boolean;
  resync: boolean;
}

/** When a queue drawn now says it was drawn (see SKEW_MS), as its fresh link carries it. */
function drawnAt(now = Date.now()): string {
  return new Date(now - SKEW_MS).toISOString();
}

/**
 * The fresh-check link of a queue page: `base` (its fresh endpoint) with the queue's query
 * string, when it was drawn and which rows it drew.
 *
 * @example
 * freshHref('/app/queues/fresh', 'status=unsolved', ['12', '9']); // '/app/queues/fresh?status=unsolved&since=…&shown=12,9'
 */
export function freshHref(base: string, search: string, shown: readonly string[]): string {
  const params = new URLSearchParams(search);
  params.set('since', drawnAt());
  params.set('shown', shown.slice(0, 200).join(','));
  return `${base}?${params.toString()}`;
}

/**
 * What changed in a queue since it was drawn: its filters plus "changed since", minus the rows
 * it drew, which refresh themselves. The same list query as the queue, so the two cannot
 * disagree about what belongs in it.
 *
 * @example
 * const fresh = await queueFreshness(db, who, q.filters, q.cf, query);
 */
export async function queueFreshness(tx: TransactionSql, who: { userId: string | null; role: Role }, filters: TicketFilterInput, cf: Record<string, unknown>, query: FreshQuery): Promise<Freshness> {
  const after = filters.updated_after && filters.updated_after > query.since ? filters.updated_after : query.since;
  const page = await listTickets(tx, who, { ...filters, updated_after: after, sort: 'updated_desc', limit: LOOK, cursor: undefined }, cf);
  const resync = query.resync === '1';
  const shown = new Set(resync ? [] : query.shown.split(',').filter(Boolean));
  const count = page.items.filter((t) => !shown.has(t.number)).length;
  return { count, more: page.next_cursor !== null, resync };
}
