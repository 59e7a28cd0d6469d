import * as v from 'valibot';
import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import { TicketFilters } from '#lib/tickets/list.ts';
import { listViews, type ViewRow } from '#lib/tickets/saved-views.ts';
import { viewCount } from '#lib/tickets/view-count.ts';
import { listerOf, viewJson } from '#lib/tickets/view-json.ts';

/** The queues every agent has, as links to the filtered queue page; named when drawn, in the reader's language. */
const BUILTIN_QUEUES: readonly { label: MessageKey; query: string }[] = [
  { label: 'queue.builtin.mine', query: 'status=unsolved&assignee=me' },
  { label: 'common.unassigned', query: 'status=unsolved&assignee=none' },
  { label: 'queue.builtin.all_unsolved', query: 'status=unsolved' },
  { label: 'ticket.status.pending', query: 'status=pending' },
  { label: 'ticket.status.solved', query: 'status=solved' },
];

export interface QueueCounts {
  builtins: { label: string; href: string; count: number; capped: boolean }[];
  views: (ViewRow & { count: number | null; capped: boolean })[];
}

/**
 * The side list of the queue pages: the built-in queues and the caller's saved views (personal
 * and team, as RLS shows them), each with its count from the counters or capped (view-count.ts).
 *
 * @example
 * const { builtins, views } = await queueCounts(db, caller);
 */
export async function queueCounts(tx: TransactionSql, caller: MemberCaller): Promise<QueueCounts> {
  const who = listerOf(caller);
  const builtins = [];
  for (const q of BUILTIN_QUEUES) {
    const filters = v.parse(TicketFilters, Object.fromEntries(new URLSearchParams(q.query)));
    builtins.push({ label: t(q.label), href: `/app/queues?${q.query}`, ...(await viewCount(tx, who, filters, {})) });
  }
  const views = [];
  // One after another: the queries share the request's transaction.
  for (const view of await listViews(tx)) views.push(await viewJson(tx, caller, view));
  return { builtins, views };
}
