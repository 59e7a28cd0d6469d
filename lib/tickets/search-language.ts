import type { Sql, TransactionSql } from '#lib/db/pool.ts';
import { withTenant, asSystem } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** Tickets re-indexed per transaction: each batch locks only its own rows, briefly. */
const REINDEX_BATCH = 500;

/**
 * Switches the org's full-text search language. A real change enqueues `search-reindex`
 * (worker/search-reindex.ts), which rewrites every ticket's search words in the new language
 * in batches: new tickets and messages are indexed in it at once, older ones as the job
 * reaches them. The language must be a text search configuration PostgreSQL knows (`select
 * cfgname from pg_ts_config`): 422 otherwise. Returns whether the language changed.
 *
 * @example
 * await setSearchLanguage(db, 'german'); // → true, and the re-index is queued
 */
export async function setSearchLanguage(tx: TransactionSql, language: string): Promise<boolean> {
  const configs = await tx<{ name: string }[]>`select cfgname::text as name from pg_ts_config order by 1`;
  if (!configs.some((c) => c.name === language)) {
    throw new HttpError(422, 'invalid_language', t('error.search_language_unknown', { language, options: configs.map((c) => c.name).join(', ') }));
  }
  const [org] = await tx<{ changed: boolean }[]>`
    update organizations o set search_language = ${language}::regconfig, updated_at = now()
    from (select search_language from organizations where id = app.current_org()) as before
    where o.id = app.current_org()
    returning before.search_language is distinct from o.search_language as changed`;
  if (!org?.changed) return false;
  await tx`select app.enqueue_job('search-reindex', '{}', null, 'search-reindex')`;
  return true;
}

/**
 * Rewrites the search words of every ticket of the org in its current language, the same words
 * a create and the messages trigger write (sql/006), a batch of tickets per transaction. The
 * language is read again for each batch, so a change during the run is honoured from there on
 * (and its own job redoes the rest). Returns how many tickets were rewritten.
 *
 * @example
 * await reindexOrgSearch(sql, orgId); // → 100000
 */
export async function reindexOrgSearch(sql: Sql, orgId: string, batch = REINDEX_BATCH): Promise<number> {
  let last = '0';
  let total = 0;
  for (;;) {
    const done = await withTenant(sql, asSystem(orgId), async (tx) => {
      const rows = await tx<{ number: string }[]>`
        with next as (select number from tickets where number > ${last}::bigint order by number limit ${batch}),
             lang as (select search_language from organizations where id = app.current_org())
        update tickets t set search = to_tsvector(lang.search_language, t.subject) || coalesce((
          select to_tsvector(lang.search_language, left(string_agg(m.body_text, ' '), 500000))
          from messages m where m.org_id = t.org_id and m.ticket_number = t.number), '')
        from next, lang
        where t.number = next.number
        returning t.number::text as number`;
      return rows.map((r) => BigInt(r.number));
    });
    total += done.length;
    if (done.length < batch) return total;
    last = done.reduce((a, b) => (a > b ? a : b)).toString();
  }
}
