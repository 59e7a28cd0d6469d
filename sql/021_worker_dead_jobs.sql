-- Jobs that used up their attempts, for the banner that admins see (lib/worker/status.ts). The
-- application role has no rights on graphile_worker, so this runs as the queue role. It returns
-- counts per task only (an error message could name another org's data), and only for jobs of
-- the caller's org (their payload's org_id) and the installation's own jobs (cron sweeps carry
-- no org). The payload is only in the private table: graphile-worker 0.17's `jobs` view leaves
-- it out.
create function app.worker_dead_jobs() returns table (task_identifier text, jobs integer)
  language sql stable security definer set search_path = ''
  as $$
    select t.identifier, pg_catalog.count(*)::integer
    from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where j.attempts >= j.max_attempts and j.locked_at is null
      and nullif(pg_catalog.current_setting('app.org_id', true), '') is not null
      and (j.payload->>'org_id' is null or j.payload->>'org_id' = pg_catalog.current_setting('app.org_id', true))
    group by t.identifier
    order by t.identifier
  $$;
alter function app.worker_dead_jobs() owner to atum_queue;
revoke all on function app.worker_dead_jobs() from public;
grant execute on function app.worker_dead_jobs() to atum_runtime;
