-- One door into the queue for tenant code: app.enqueue_job's allowlist now names every task a
-- tenant enqueues one job at a time, and the three wrappers that each enqueued one task
-- (app.enqueue_mail_send from 012, app.enqueue_sla_recompute from 010, app.enqueue_search_reindex
-- from 017) are gone. What each enqueued is unchanged: the same task, payload, job key, attempts
-- and run time, and the org still comes from the verified context (sql/022), never the caller.
--
-- Each task's payload must carry exactly the keys listed, and its job key must be the one those
-- keys make, so a caller cannot enqueue a second copy of a job under another key; the org is
-- added to both afterwards. The rule is per task, as the wrappers' typed arguments were.
--
-- app.sla_schedule_jobs (010) stays: it removes jobs as well as adds them, adds a whole
-- statement's SLA moments in one add_jobs call, and its keys carry the org second
-- (sla-breach:<org>:<ticket>:<metric>), which waiting jobs and their readers already use.

create or replace function app.enqueue_job(p_identifier text, p_payload jsonb, p_run_at timestamptz, p_job_key text) returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    org text := app.current_org()::text;
    payload_keys text[] := case when p_payload is not null then array(select k from pg_catalog.jsonb_object_keys(p_payload) k order by k) end;
    wanted_keys text[];
    wanted_key text;
    attempts integer := 10;
  begin
    case p_identifier
      when 'ticket-autoclose' then  -- sql/006, from the tickets trigger
        wanted_keys := '{number}';
        wanted_key := 'autoclose:' || (p_payload->>'number')::bigint;
      when 'mail-send' then         -- sql/012, from the outbox trigger
        wanted_keys := '{id}';
        wanted_key := 'mail-send:' || (p_payload->>'id')::uuid;
      when 'search-reindex' then    -- sql/017, from lib/tickets/search-language.ts
        wanted_keys := '{}';
        wanted_key := 'search-reindex';
      when 'sla-recompute' then     -- sql/010, from the sla_policies and sla_calendars triggers
        wanted_keys := '{}';
        wanted_key := 'sla-recompute';
        attempts := 5;
      else
        raise exception 'app.enqueue_job: % is not a task tenants may enqueue', p_identifier using errcode = '42501';
    end case;
    if org is null then raise exception 'app.enqueue_job: no tenant context' using errcode = '42501'; end if;
    if payload_keys is distinct from wanted_keys or p_job_key is distinct from wanted_key then
      raise exception 'app.enqueue_job: a % job takes a payload of {%} and the job key %, not % and %',
        p_identifier, pg_catalog.array_to_string(wanted_keys, ', '), wanted_key,
        coalesce('{' || pg_catalog.array_to_string(payload_keys, ', ') || '}', 'no payload'), coalesce(p_job_key, 'no key')
        using errcode = '42501';
    end if;
    perform graphile_worker.add_job(p_identifier, (p_payload || pg_catalog.jsonb_build_object('org_id', org))::json,
      run_at => p_run_at, max_attempts => attempts, job_key => p_job_key || ':' || org, job_key_mode => 'replace');
  end
  $$;
alter function app.enqueue_job(text, jsonb, timestamptz, text) owner to atum_queue;
revoke all on function app.enqueue_job(text, jsonb, timestamptz, text) from public;
grant execute on function app.enqueue_job(text, jsonb, timestamptz, text) to atum_runtime;

-- The wrappers' callers, now through the door. Their bodies are otherwise as 012 and 010 wrote them.
create or replace function app.outbox_enqueue() returns trigger
  language plpgsql
  as $$
  begin
    perform app.enqueue_job('mail-send', jsonb_build_object('id', new.id), new.next_attempt_at, 'mail-send:' || new.id);
    return null;
  end
  $$;

-- A second after the change, keyed by org: a burst of edits (a reorder) runs the re-compute once more.
create or replace function app.sla_rules_changed() returns trigger
  language plpgsql
  as $$ begin
    perform app.enqueue_job('sla-recompute', '{}', now() + interval '1 second', 'sla-recompute');
    return null;
  end $$;

drop function app.enqueue_mail_send(uuid, timestamptz);
drop function app.enqueue_sla_recompute();
drop function app.enqueue_search_reindex();
