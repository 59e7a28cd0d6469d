import * as v from 'valibot';
import { between, mustBeTimestamp, oneOf } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import type { Role } from '#lib/db/tenant.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { decodeCursor, encodeCursor, timestampKey } from '#lib/http/cursor.ts';
import { cursorParam } from '#lib/http/page-query.ts';
import { uuid } from '#lib/http/schemas.ts';
import { TICKET_COLUMNS, TICKET_PRIORITIES, TICKET_STATUSES, type TicketRow } from './model.ts';

const SORTS = {
  updated_desc: { column: 'updated_at', dir: 'desc' },
  updated_asc: { column: 'updated_at', dir: 'asc' },
  created_desc: { column: 'created_at', dir: 'desc' },
  created_asc: { column: 'created_at', dir: 'asc' },
} as const;
export type TicketSort = keyof typeof SORTS;

/** A comma-separated list drawn from `values`; `message` is what a list with any other value is told. */
const list = <T extends readonly string[]>(values: T, message: () => string) =>
  v.pipe(
    v.string(),
    v.transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
    v.check((xs) => xs.length > 0 && xs.every((x) => (values as readonly string[]).includes(x)), message),
    v.transform((xs) => xs as T[number][]),
  );
const timestamp = v.pipe(v.string(), v.isoTimestamp(mustBeTimestamp));
const who = v.union([uuid, v.literal('me'), v.literal('none')], () => t('validation.ticket.who'));

/** Query parameters of every ticket list (the API, saved views, the agent queue). */
export const TicketFilters = v.object({
  status: v.optional(
    v.union([v.literal('unsolved'), list(TICKET_STATUSES, () => t('validation.ticket.statuses', { values: TICKET_STATUSES.join(', ') }))], () => t('validation.ticket.status_filter')),
  ),
  priority: v.optional(list(TICKET_PRIORITIES, () => t('validation.ticket.priorities', { values: TICKET_PRIORITIES.join(', ') }))),
  assignee: v.optional(who),
  team: v.optional(v.union([uuid, v.literal('none')], () => t('validation.ticket.team_filter'))),
  requester: v.optional(uuid),
  tag: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(50))),
  q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500))),
  created_after: v.optional(timestamp),
  created_before: v.optional(timestamp),
  updated_after: v.optional(timestamp),
  updated_before: v.optional(timestamp),
  sort: v.optional(v.picklist(Object.keys(SORTS) as TicketSort[], oneOf(Object.keys(SORTS))), 'updated_desc'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, between(1, 100)), v.transform(Number), v.minValue(1, between(1, 100)), v.maxValue(100, between(1, 100))), '50'),
  cursor: cursorParam,
});
export type TicketFilterInput = v.InferOutput<typeof TicketFilters>;

/**
 * One page of tickets, newest activity first by default, paged by keyset (a cursor of the last
 * row's sort value and number), so page 500 costs what page 1 costs. RLS decides which tickets
 * the caller sees; filters only narrow that. The unsolved queue uses its partial index.
 *
 * @example
 * const page = await listTickets(db, { userId, role }, { status: 'unsolved', sort: 'updated_desc', limit: 50 }, {});
 */
export async function listTickets(
  tx: TransactionSql,
  who: { userId: string | null; role: Role },
  f: TicketFilterInput,
  customFields: Record<string, unknown>,
): Promise<{ items: TicketRow[]; next_cursor: string | null }> {
  const sort = SORTS[f.sort];
  const col = tx.unsafe(`t.${sort.column}`);
  const searchLanguage = f.q ? await orgSearchLanguage(tx) : undefined;
  const conditions = [filterConditions(tx, { ...who, searchLanguage }, f, customFields)];
  if (f.cursor) {
    const c = decodeCursor(f.cursor, ([at, number]) => (timestampKey(at) && Number.isSafeInteger(number) ? { at, number: number as number } : undefined));
    conditions.push(sort.dir === 'desc' ? tx`(${col}, t.number) < (${c.at}::text::timestamptz, ${c.number})` : tx`(${col}, t.number) > (${c.at}::text::timestamptz, ${c.number})`);
  }
  const where = conditions.reduce((acc, cond) => tx`${acc} and ${cond}`);
  const order = tx.unsafe(`t.${sort.column} ${sort.dir}, t.number ${sort.dir}`);
  // The page is cut from tickets before people is joined, so a search matching thousands joins
  // one page of rows, not every match. The join cannot drop a row: a requester is a member of
  // the ticket's org (foreign key), and people shows every member of the current org.
  // The sort value travels as text: a JS Date would cut microseconds and skip rows at the seam.
  const rows = await tx<(TicketRow & { sort_at: string })[]>`
    select ${tx.unsafe(TICKET_COLUMNS)}, t.sort_at
    from (select t.*, ${col}::text as sort_at from tickets t where ${where} order by ${order} limit ${f.limit + 1}) t
    join people u on u.id = t.requester_id
    order by ${order}`;
  const more = rows.length > f.limit;
  const items = more ? rows.slice(0, f.limit) : rows;
  const last = items.at(-1);
  const next_cursor = more && last ? encodeCursor([last.sort_at, Number(last.number)]) : null;
  return { items: items.map(({ sort_at: _ignored, ...row }) => row), next_cursor };
}

/**
 * The filters as one SQL condition (no paging): shared by the list and by the saved views'
 * capped counts, so the two can never disagree.
 */
export function filterConditions(tx: TransactionSql, who: { userId: string | null; role: Role; searchLanguage?: string | undefined }, f: TicketFilterInput, cf: Record<string, unknown>) {
  const conditions = [tx`true`];
  if (f.status === 'unsolved') conditions.push(tx.unsafe(`t.status in ('new', 'open', 'pending', 'on_hold')`));
  else if (f.status) conditions.push(tx`t.status = any(${f.status}::ticket_status[])`);
  if (f.priority) conditions.push(tx`t.priority = any(${f.priority}::ticket_priority[])`);
  if (f.assignee === 'none') conditions.push(tx`t.assignee_id is null`);
  else if (f.assignee) conditions.push(tx`t.assignee_id = ${f.assignee === 'me' ? who.userId : f.assignee}::uuid`);
  if (f.team === 'none') conditions.push(tx`t.team_id is null`);
  else if (f.team) conditions.push(tx`t.team_id = ${f.team}::uuid`);
  if (f.requester) conditions.push(tx`t.requester_id = ${f.requester}::uuid`);
  // Through ticket_tags (sql/019): `t.tags @> …` cannot use an index under RLS.
  if (f.tag) conditions.push(tx`t.number in (select tt.ticket_number from ticket_tags tt where tt.org_id = t.org_id and tt.tag = ${f.tag})`);
  if (Object.keys(cf).length) conditions.push(tx`t.custom_fields @> ${tx.json(cf as never)}`);
  if (f.created_after) conditions.push(tx`t.created_at >= ${f.created_after}::timestamptz`);
  if (f.created_before) conditions.push(tx`t.created_at < ${f.created_before}::timestamptz`);
  if (f.updated_after) conditions.push(tx`t.updated_at >= ${f.updated_after}::timestamptz`);
  if (f.updated_before) conditions.push(tx`t.updated_at < ${f.updated_before}::timestamptz`);
  if (f.q) conditions.push(searchCondition(tx, who.role, f.q, who.searchLanguage));
  return conditions.reduce((acc, cond) => tx`${acc} and ${cond}`);
}

/** The org's full-text configuration, e.g. 'english'. */
async function orgSearchLanguage(tx: TransactionSql): Promise<string | undefined> {
  const [row] = await tx<{ lang: string }[]>`select search_language::text as lang from organizations where id = app.current_org()`;
  return row?.lang;
}

/**
 * Staff search the ticket's vector (subject and every message); a customer's words are matched
 * against the subject and the messages they can see, so an internal note never answers them.
 * Given as a value, the language lets the planner fold the tsquery and estimate how many rows
 * match; read by a subquery, it cannot (that made it join people for every match of `printer`).
 */
function searchCondition(tx: TransactionSql, role: Role, q: string, language: string | undefined) {
  const lang = language === undefined ? tx`(select search_language from organizations where id = app.current_org())` : tx`${language}::regconfig`;
  const query = tx`websearch_to_tsquery(${lang}, ${q})`;
  if (role !== 'customer') return tx`t.search @@ ${query}`;
  return tx`(to_tsvector(${lang}, t.subject) @@ ${query} or exists (
    select 1 from messages m where m.org_id = t.org_id and m.ticket_number = t.number
      and to_tsvector(${lang}, m.body_text) @@ ${query}))`;
}
