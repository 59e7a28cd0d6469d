import * as v from 'valibot';
import type { TransactionSql } from '#lib/db/pool.ts';
import { invalidInput } from '#lib/http/invalid-input.ts';
import { issueDetails } from '#lib/http/schema-issues.ts';
import { cfQueryParams, customFieldFilter } from '#lib/custom-fields/filters.ts';
import { TicketFilters, type TicketFilterInput } from '#lib/tickets/list.ts';
import { dayStart } from '#lib/time/zone.ts';
import { t } from '#lib/i18n/translate.ts';

/** The queue form's fields, as typed (empty ones dropped): what the form shows again and "more" repeats. */
export type QueueForm = Record<string, string>;

/** Date range fields of the form (whole days in the org's time zone) and the list filter each feeds. */
const RANGES = [
  ['created_from', 'created_after', 0],
  ['created_to', 'created_before', 1],
  ['updated_from', 'updated_after', 0],
  ['updated_to', 'updated_before', 1],
] as const;

const PASSED = ['status', 'priority', 'assignee', 'team', 'tag', 'q', 'sort', 'limit'] as const;
const DAY = /^\d{4}-\d\d-\d\d$/;
const NO_ONE = '00000000-0000-0000-0000-000000000000';

export interface QueueQuery {
  filters: TicketFilterInput;
  cf: Record<string, unknown>;
  form: QueueForm;
  /** The form as a query string without the cursor, for links to this queue and its next page. */
  search: string;
  /** The same filters as a saved view stores them (lib/tickets/view-filters.ts), and its sort. */
  view: { filters: Record<string, unknown>; sort: string };
}

/**
 * Reads the queue page's query string into what listTickets takes: the list's own filters, the
 * form's day ranges as instants in the org's zone (`created_to` includes that whole day), a
 * requester by email, and `cf.<key>` custom fields typed by their definitions. Anything the list
 * would refuse is a 400 naming the field.
 *
 * @example
 * const q = await queueQuery(db, c.req.query(), zone);
 * const page = await listTickets(db, who, q.filters, q.cf);
 */
export async function queueQuery(tx: TransactionSql, raw: Record<string, string>, zone: string): Promise<QueueQuery> {
  const form: QueueForm = {};
  for (const [k, value] of Object.entries(raw)) {
    const trimmed = value.trim();
    if (trimmed !== '' && k !== 'cursor' && (PASSED.includes(k as never) || k === 'requester' || k.startsWith('cf.') || RANGES.some(([f]) => f === k))) form[k] = trimmed;
  }
  const input: Record<string, string> = {};
  for (const k of PASSED) if (form[k] !== undefined) input[k] = form[k];
  if (raw.cursor) input.cursor = raw.cursor;
  for (const [field, filter, days] of RANGES) {
    const day = form[field];
    if (day === undefined) continue;
    if (!DAY.test(day) || Number.isNaN(Date.parse(day))) throw invalidInput('query parameters', [{ path: field, message: t('error.problem.date_expected') }]);
    input[filter] = dayStart(zone, day, days).toISOString();
  }
  if (form.requester) input.requester = await requesterId(tx, form.requester);
  const parsed = v.safeParse(TicketFilters, input);
  if (!parsed.success) {
    const first = issueDetails(parsed.issues)[0]!;
    throw invalidInput('query parameters', [first]);
  }
  const cfText = cfQueryParams(form);
  const cf = await customFieldFilter(tx, cfText);
  const { sort = 'updated_desc', limit: _limit, cursor: _cursor, ...viewFilters } = input;
  const view = { filters: Object.keys(cfText).length ? { ...viewFilters, cf: cfText } : viewFilters, sort };
  return { filters: parsed.output, cf, form, search: new URLSearchParams(form).toString(), view };
}

/** A requester given by id or by email; an email no one has matches no ticket rather than failing. */
async function requesterId(tx: TransactionSql, who: string): Promise<string> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(who)) return who;
  const [row] = await tx<{ id: string }[]>`
    select u.id from people u where lower(u.email) = lower(${who}) limit 1`;
  return row?.id ?? NO_ONE;
}

/**
 * A link to the next page of a list: `base` with the list's query string and the cursor.
 *
 * @example
 * nextPageHref('/app/queues/rows', 'status=open', 'WyIy...'); // '/app/queues/rows?status=open&cursor=WyIy...'
 */
export function nextPageHref(base: string, search: string, cursor: string | null): string | null {
  if (!cursor) return null;
  const params = new URLSearchParams(search);
  params.set('cursor', cursor);
  return `${base}?${params}`;
}
