import * as v from 'valibot';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { invalidInput } from '#lib/http/invalid-input.ts';
import { issueDetails } from '#lib/http/schema-issues.ts';
import { customFieldFilter } from '#lib/custom-fields/filters.ts';
import { TicketFilters, type TicketFilterInput } from './list.ts';
import { t } from '#lib/i18n/translate.ts';

const { cursor: _cursor, limit: _limit, sort: _sort, ...filterEntries } = TicketFilters.entries;

/**
 * A saved view's filters: the query parameters of GET /api/v1/tickets as an object (`status:
 * 'open,pending'`, `assignee: 'me'`, …) with custom fields under `cf` (`{cf: {plan: 'gold'}}`).
 * Paging is the request's, and the sort is the view's own column. Unknown keys are refused, so
 * a typo does not turn into a view that silently shows everything.
 */
const ViewFilters = v.strictObject({
  ...filterEntries,
  cf: v.optional(
    v.record(
      v.string(),
      v.union([v.string(), v.number(), v.boolean(), v.array(v.string())], () => t('validation.ticket.filter_value')),
    ),
  ),
});

/** A view's sort: the sorts ticket lists know. */
export const viewSort = TicketFilters.entries.sort.wrapped;

/** Filters as stored: the input as the client gave it, parsed again when the view runs. */
export type StoredFilters = Record<string, unknown>;

/**
 * Checks filters before a view is saved: 400 with `filters.<path>` details when they would not
 * run, including custom field keys and values against the org's definitions. Storing the input
 * rather than its parsed form keeps `assignee: 'me'` meaning whoever looks at the view.
 *
 * @example
 * await checkViewFilters(db, body.filters);
 */
export async function checkViewFilters(tx: TransactionSql, filters: StoredFilters): Promise<void> {
  const result = v.safeParse(ViewFilters, filters);
  if (!result.success) {
    const details = issueDetails(result.issues, 'filters.');
    throw invalidInput('request body', details);
  }
  await customFieldFilter(tx, result.output.cf ?? {}, { source: { what: 'request body', prefix: 'filters.cf.' } });
}

/**
 * What listTickets needs to run a saved view: its filters parsed as a ticket list query with
 * the view's sort and the request's page, and its custom field filters. Filters that no longer
 * parse (saved under older rules) are 422 `invalid_view`: the view needs editing.
 *
 * @example
 * const { filters, cf } = await viewQuery(db, view, { limit: 50 });
 * const page = await listTickets(db, who, filters, cf);
 */
export async function viewQuery(
  tx: TransactionSql,
  view: { filters: StoredFilters; sort: string },
  page: { limit: number; cursor?: string | undefined },
): Promise<{ filters: TicketFilterInput; cf: Record<string, unknown> }> {
  const { cf, ...rest } = view.filters;
  const result = v.safeParse(TicketFilters, { ...rest, sort: view.sort });
  if (!result.success) {
    const first = issueDetails(result.issues)[0]!;
    throw new HttpError(422, 'invalid_view', t('error.view_filters_broken', { path: first.path || 'filters', problem: first.message }));
  }
  const filters = { ...result.output, limit: page.limit, cursor: page.cursor };
  return { filters, cf: await customFieldFilter(tx, (cf ?? {}) as Record<string, unknown>, { lenient: true }) };
}
