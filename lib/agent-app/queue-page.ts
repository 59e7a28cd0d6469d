import type { MemberCaller } from '#lib/auth/caller.ts';
import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { loadCustomFields } from '#lib/custom-fields/values.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { t } from '#lib/i18n/translate.ts';
import { layoutUser, type LayoutUser } from '#lib/pages/layout-user.ts';
import type { StaffMember } from '#lib/staff/assignable.ts';
import { listTeams, type TeamJson } from '#lib/teams/team.ts';
import { listTickets, type TicketFilterInput } from '#lib/tickets/list.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { findView, type ViewRow } from '#lib/tickets/saved-views.ts';
import { viewCount, type ViewCount } from '#lib/tickets/view-count.ts';
import { viewQuery } from '#lib/tickets/view-filters.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { listContext, type ListContext } from './list-context.ts';
import { freshHref } from './queue-fresh.ts';
import { queueCounts, type QueueCounts } from './queue-list.ts';
import { nextPageHref, queueQuery, type QueueForm } from './queue-query.ts';

/** What a queue page shows besides its controls (the filter form, or a saved view's summary). */
export interface QueuePageData {
  user: LayoutUser;
  title: string;
  count: ViewCount;
  items: TicketRow[];
  moreHref: string | null;
  ctx: { staff: ReadonlyMap<string, string>; selectable: true };
  staff: StaffMember[];
  builtins: QueueCounts['builtins'];
  views: QueueCounts['views'];
  /** The side list entry to mark as current (its href). */
  current: string;
  freshHref: string;
}

/** A queue to draw: its tickets' filters, and where it lives (`path`, its `search` string; rows and fresh checks under `path`). */
interface QueueListing {
  filters: TicketFilterInput;
  cf: Record<string, unknown>;
  path: string;
  search: string;
  current: string;
  /** The page's title; by default the built-in queue `current` is, else "Tickets". */
  title?: string;
}

/** Reads one queue page in the caller's RLS context: its first page of tickets and their count, the side list, the user. */
async function queuePageData(tx: TransactionSql, caller: MemberCaller, lc: ListContext, q: QueueListing): Promise<QueuePageData> {
  const who = listerOf(caller);
  const page = await listTickets(tx, who, q.filters, q.cf);
  const count = await viewCount(tx, who, q.filters, q.cf);
  const side = await queueCounts(tx, caller);
  return {
    user: await layoutUser(tx, caller),
    title: q.title ?? side.builtins.find((b) => b.href === q.current)?.label ?? t('queue.title_default'),
    count,
    items: page.items,
    moreHref: nextPageHref(`${q.path}/rows`, q.search, page.next_cursor),
    ctx: { staff: lc.staffNames, selectable: true },
    staff: lc.staff,
    builtins: side.builtins,
    views: side.views,
    current: q.current,
    freshHref: freshHref(
      `${q.path}/fresh`,
      q.search,
      page.items.map((t) => t.number),
    ),
  };
}

/** The filtered queue page, and what its filter and save-view forms offer. */
export interface FilteredQueuePage {
  page: QueuePageData;
  form: QueueForm;
  teams: TeamJson[];
  /** The teams the caller may share a view with: all of them for a lead or above, else none. */
  shareableTeams: TeamJson[];
  fields: CustomFieldDef[];
}

/**
 * The queue the URL's query filters (queueQuery: a 400 for a filter the list refuses); a URL
 * with no `status` at all (a bare link, not "Any" chosen in the form) is the unsolved queue.
 *
 * @example
 * const q = await filteredQueuePage(db, caller, c.req.query());
 * return c.html(<QueuePage {...q.page} controls={<FilterForm form={q.form} ... />} />);
 */
export async function filteredQueuePage(tx: TransactionSql, caller: MemberCaller, raw: Record<string, string>): Promise<FilteredQueuePage> {
  const lc = await listContext(tx);
  const q = await queueQuery(tx, 'status' in raw ? raw : { status: 'unsolved', ...raw }, lc.zone);
  const current = `/app/queues?${q.search}`;
  const page = await queuePageData(tx, caller, lc, { filters: q.filters, cf: q.cf, path: '/app/queues', search: q.search, current });
  const teams = await listTeams(tx);
  // Sharing a view with a team takes a lead or above (lib/tickets/saved-views.ts).
  const shareableTeams = ['lead', 'admin', 'owner'].includes(caller.role) ? teams : [];
  return { page, form: q.form, teams, shareableTeams, fields: await loadCustomFields(tx) };
}

/**
 * A saved view (personal or team) as a queue page, in its own sort. A view the caller may not
 * see, or another org's, is a 404 (findView); filters that no longer parse a 422 (viewQuery).
 *
 * @example
 * const { page, view } = await savedViewQueuePage(db, caller, params.id);
 */
export async function savedViewQueuePage(tx: TransactionSql, caller: MemberCaller, id: string): Promise<{ page: QueuePageData; view: ViewRow }> {
  const view = await findView(tx, id);
  const lc = await listContext(tx);
  const { filters, cf } = await viewQuery(tx, view, { limit: 50 });
  const path = `/app/queues/${view.id}`;
  return { page: await queuePageData(tx, caller, lc, { filters, cf, path, search: '', current: path, title: view.name }), view };
}
