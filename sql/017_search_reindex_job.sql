-- Changing an org's search language re-indexes its tickets in a background job, in batches,
-- instead of inside the request: one UPDATE of every ticket of a large org would run for
-- minutes and hold a lock on each of them until it committed, stopping every agent's change.

-- Keyed by org: changing the language twice in a row runs the re-index once more, not twice
-- side by side. The worker reads the language per batch, so a run always ends in the newest.
create function app.enqueue_search_reindex() returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    org text := nullif(pg_catalog.current_setting('app.org_id', true), '');
  begin
    if org is null then raise exception 'app.enqueue_search_reindex: no tenant context' using errcode = '42501'; end if;
    perform graphile_worker.add_job('search-reindex', pg_catalog.json_build_object('org_id', org),
      max_attempts => 10, job_key => 'search-reindex:' || org, job_key_mode => 'replace');
  end
  $$;
alter function app.enqueue_search_reindex() owner to atum_queue;
revoke all on function app.enqueue_search_reindex() from public;
grant execute on function app.enqueue_search_reindex() to atum_runtime;

-- An update that changes nothing but a ticket's search words (the re-index above, which may
-- also write the very words already there) changes nothing a page shows: no live event, or
-- every open queue would refetch its rows once per batch.
create or replace function app.tickets_notify_live() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op = 'UPDATE' and (to_jsonb(new) - 'search') = (to_jsonb(old) - 'search') then
      return null;
    end if;
    perform app.notify_live(new.org_id, 'ticket', new.number::text);
    return null;
  end
  $$;
