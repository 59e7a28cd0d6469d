import type { TransactionSql } from '../db/pool.ts';
import { HttpError } from '../http/errors.ts';

/**
 * Switches the org's full-text search language and rewrites every ticket's search words in it,
 * in the caller's transaction, so that search finds the same tickets before and after (a query
 * stemmed in German would miss words indexed in English). The language must be a text search
 * configuration PostgreSQL knows (`select cfgname from pg_ts_config`): 422 otherwise.
 * The rewrite reads every message of the org once; on a very large org, change it off hours.
 *
 * @example
 * await setSearchLanguage(db, 'german'); // → the number of tickets re-indexed
 */
export async function setSearchLanguage(tx: TransactionSql, language: string): Promise<number> {
  const configs = await tx<{ name: string }[]>`select cfgname::text as name from pg_ts_config order by 1`;
  if (!configs.some((c) => c.name === language)) {
    throw new HttpError(422, 'invalid_language', `PostgreSQL has no text search language "${language}"; use one of ${configs.map((c) => c.name).join(', ')}`);
  }
  const [org] = await tx<{ changed: boolean }[]>`
    update organizations o set search_language = ${language}::regconfig, updated_at = now()
    from (select search_language from organizations where id = app.current_org()) as before
    where o.id = app.current_org()
    returning before.search_language is distinct from o.search_language as changed`;
  if (!org?.changed) return 0;
  // The same words a create and the messages trigger write (sql/006), in the new language.
  const rewritten = await tx`
    update tickets t set search = to_tsvector(${language}::regconfig, t.subject) || coalesce((
      select to_tsvector(${language}::regconfig, left(string_agg(m.body_text, ' '), 500000))
      from messages m where m.org_id = t.org_id and m.ticket_number = t.number), '')`;
  return rewritten.count;
}
