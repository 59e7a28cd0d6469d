-- SLA: business-hours calendars, ordered policies, per-ticket targets with their transitions,
-- in-app notifications, and the jobs that fire at the exact moment a target warns or breaches.
--
-- The clock itself (due times, pauses, business minutes) is TypeScript (lib/sla/clock.ts); SQL
-- stores what it returns and schedules graphile-worker jobs whenever a stored due time moves.

insert into permissions (name, description) values
  ('sla.manage', 'Create, change and order SLA calendars and policies');
insert into role_permissions (role, permission) values ('admin', 'sla.manage'), ('owner', 'sla.manage');

-- The requester's company, for policies that match on it (a customer's membership carries it).
alter table memberships add column company text
  constraint memberships_company_length check (company is null or length(company) between 1 and 200);

create type sla_metric as enum ('first_response', 'next_response', 'resolution');
create type sla_target_status as enum ('running', 'paused', 'fulfilled', 'breached');
create type sla_event_kind as enum ('started', 'paused', 'resumed', 'warning', 'breached', 'fulfilled');

-- A time zone PostgreSQL knows (the API also checks it against Node's Intl, which the clock uses).
create function app.is_time_zone(p_zone text) returns boolean
  language sql stable
  as $$ select exists (select 1 from pg_catalog.pg_timezone_names where name = p_zone) $$;
grant execute on function app.is_time_zone(text) to atum_runtime;

create table sla_calendars (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null constraint sla_calendars_name_length check (length(name) between 1 and 100),
  time_zone text not null,
  always_open boolean not null default false,
  -- [{weekday: 1..7, start: "HH:MM", end: "HH:MM"}], validated by lib/sla/calendar-store.ts.
  weekly jsonb not null default '[]' constraint sla_calendars_weekly_array check (jsonb_typeof(weekly) = 'array'),
  -- [{date: "YYYY-MM-DD", recurring: bool, name?: text}]
  holidays jsonb not null default '[]' constraint sla_calendars_holidays_array check (jsonb_typeof(holidays) = 'array'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id)
);
create unique index sla_calendars_name_key on sla_calendars (org_id, lower(name));

create function app.sla_calendars_check_zone() returns trigger
  language plpgsql
  as $$
  begin
    if not app.is_time_zone(new.time_zone) then
      raise exception 'unknown time zone %', new.time_zone using errcode = '23514', constraint = 'sla_calendars_time_zone';
    end if;
    return new;
  end
  $$;
create trigger sla_calendars_check_zone before insert or update of time_zone on sla_calendars
  for each row execute function app.sla_calendars_check_zone();

create table sla_policies (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null constraint sla_policies_name_length check (length(name) between 1 and 100),
  -- The first matching policy in position order applies.
  position integer not null default 0,
  active boolean not null default true,
  -- {priority?: [...], type?: [...], channel?: [...], team_id?: [...], tags?: [...], company?: [...]}:
  -- every key given must match (a ticket matches a key when it has any of its values).
  conditions jsonb not null default '{}' constraint sla_policies_conditions_object check (jsonb_typeof(conditions) = 'object'),
  -- {<priority>: {<metric>: {minutes, business_hours}}}
  targets jsonb not null default '{}' constraint sla_policies_targets_object check (jsonb_typeof(targets) = 'object'),
  calendar_id uuid not null,
  pause_statuses ticket_status[] not null default '{pending,on_hold}',
  warn_percent integer not null default 80 constraint sla_policies_warn_percent check (warn_percent between 1 and 99),
  -- Escalation on a breach: raise the priority to this (never lower it), and/or move to this team.
  escalate_priority ticket_priority,
  escalate_team_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, calendar_id) references sla_calendars (org_id, id),
  foreign key (org_id, escalate_team_id) references teams (org_id, id) on delete set null (escalate_team_id)
);
create index sla_policies_position_idx on sla_policies (org_id, position, created_at);

-- The policy that applies to a ticket (null: none matched).
alter table tickets add column sla_policy_id uuid;
alter table tickets add constraint tickets_sla_policy_fk foreign key (org_id, sla_policy_id)
  references sla_policies (org_id, id) on delete set null (sla_policy_id);

-- Status history the clock reads (pauses, solve, reopen). The audit log has it too, but only at
-- commit (a deferred trigger); the recompute in the same transaction needs it now.
create table ticket_status_changes (
  org_id uuid not null,
  ticket_number bigint not null,
  at timestamptz not null default now(),
  from_status ticket_status not null,
  to_status ticket_status not null,
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade
);
create index ticket_status_changes_ticket_idx on ticket_status_changes (org_id, ticket_number, at);

create function app.tickets_log_status() returns trigger
  language plpgsql
  as $$
  begin
    insert into public.ticket_status_changes (org_id, ticket_number, at, from_status, to_status)
    values (new.org_id, new.number, now(), old.status, new.status);
    return null;
  end
  $$;
create trigger tickets_log_status after update of status on tickets
  for each row when (old.status is distinct from new.status) execute function app.tickets_log_status();

-- Tickets changed before this migration: their status history from the audit log (as far as
-- the migrating role may read it).
insert into ticket_status_changes (org_id, ticket_number, at, from_status, to_status)
select a.org_id, a.target_id::bigint, a.at, (a.details -> 'changes' -> 'status' ->> 0)::ticket_status,
       (a.details -> 'changes' -> 'status' ->> 1)::ticket_status
from audit_log a
where a.action = 'ticket.update' and a.target_type = 'ticket' and a.details -> 'changes' ? 'status'
  and exists (select 1 from tickets t where t.org_id = a.org_id and t.number = a.target_id::bigint);

-- One row per ticket and metric: what lib/sla/clock.ts computed at the last recompute.
create table ticket_sla_targets (
  org_id uuid not null,
  ticket_number bigint not null,
  metric sla_metric not null,
  policy_id uuid,
  status sla_target_status not null,
  target_minutes integer not null,
  business_hours boolean not null,
  started_at timestamptz not null,
  due_at timestamptz,
  warn_at timestamptz,
  -- Set once the warning was recorded, so a rerun does not warn twice.
  warned_at timestamptz,
  breached_at timestamptz,
  fulfilled_at timestamptz,
  elapsed_minutes numeric not null default 0,
  remaining_minutes numeric not null default 0,
  updated_at timestamptz not null default now(),
  primary key (org_id, ticket_number, metric),
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade,
  foreign key (org_id, policy_id) references sla_policies (org_id, id) on delete set null (policy_id)
);
-- The safety sweep reads only running targets, across orgs, by time: partial indexes, no scan.
create index ticket_sla_targets_due_idx on ticket_sla_targets (due_at) where status = 'running';
create index ticket_sla_targets_warn_idx on ticket_sla_targets (warn_at) where status = 'running' and warned_at is null;
create index ticket_sla_targets_policy_idx on ticket_sla_targets (org_id, policy_id, started_at);

create table sla_events (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  ticket_number bigint not null,
  metric sla_metric not null,
  kind sla_event_kind not null,
  at timestamptz not null default now(),
  due_at timestamptz,
  policy_id uuid,
  primary key (org_id, id),
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade
);
create index sla_events_ticket_idx on sla_events (org_id, ticket_number, at);

create table notifications (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  kind text not null constraint notifications_kind_format check (kind ~ '^[a-z_]+$'),
  ticket_number bigint,
  title text not null,
  details jsonb not null default '{}',
  created_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (org_id, id),
  foreign key (org_id, user_id) references memberships (org_id, user_id) on delete cascade,
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade
);
create index notifications_user_idx on notifications (org_id, user_id, created_at desc);

-- ---------------------------------------------------------------------------------------------
-- Jobs. The queue role owns these functions (the app role has no rights on graphile_worker);
-- they stamp the current org into every payload and key, so a tenant can only schedule its own.

create function app.sla_schedule_jobs(p_add_numbers bigint[], p_add_metrics text[], p_add_kinds text[], p_add_run_at timestamptz[],
                                      p_rm_numbers bigint[], p_rm_metrics text[], p_rm_kinds text[]) returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    org text := nullif(pg_catalog.current_setting('app.org_id', true), '');
  begin
    if org is null then raise exception 'app.sla_schedule_jobs: no tenant context' using errcode = '42501'; end if;
    if pg_catalog.cardinality(p_add_numbers) > 0 then
      -- add_jobs with a job_key replaces a waiting job of that key (the new run_at wins).
      perform graphile_worker.add_jobs(array(
        select row(case x.k when 'warn' then 'sla-warning' else 'sla-breach' end,
                   pg_catalog.json_build_object('org_id', org, 'number', x.n, 'metric', x.m),
                   null::text, x.r, 10, 'sla-' || x.k || ':' || org || ':' || x.n || ':' || x.m, 0, null::text[])::graphile_worker.job_spec
        from unnest(p_add_numbers, p_add_metrics, p_add_kinds, p_add_run_at) as x (n, m, k, r)));
    end if;
    if pg_catalog.cardinality(p_rm_numbers) > 0 then
      perform graphile_worker.remove_job('sla-' || x.k || ':' || org || ':' || x.n || ':' || x.m)
      from unnest(p_rm_numbers, p_rm_metrics, p_rm_kinds) as x (n, m, k);
    end if;
  end
  $$;
alter function app.sla_schedule_jobs(bigint[], text[], text[], timestamptz[], bigint[], text[], text[]) owner to atum_queue;
revoke all on function app.sla_schedule_jobs(bigint[], text[], text[], timestamptz[], bigint[], text[], text[]) from public;
grant execute on function app.sla_schedule_jobs(bigint[], text[], text[], timestamptz[], bigint[], text[], text[]) to atum_runtime;

-- A breach job at due_at and a warning job at warn_at while a target runs; moving either moves
-- its job (same key), and a target that stops running (fulfilled, paused, gone) loses its jobs.
-- Statement-level with transition tables: a bulk recompute schedules with one add_jobs call.
create function app.sla_targets_schedule() returns trigger
  language plpgsql
  as $$
  declare
    add_n bigint[]; add_m text[]; add_k text[]; add_r timestamptz[];
    rm_n bigint[]; rm_m text[]; rm_k text[];
  begin
    with changed as (
      select coalesce(n.ticket_number, o.ticket_number) as num, coalesce(n.metric, o.metric)::text as metric,
             -- the breach job this row wants now, and the one it had
             case when n.status = 'running' then n.due_at end as due_new,
             case when o.status = 'running' then o.due_at end as due_old,
             case when n.status = 'running' and n.warned_at is null then n.warn_at end as warn_new,
             case when o.status = 'running' and o.warned_at is null then o.warn_at end as warn_old
      from new_rows n full join old_rows o on o.org_id = n.org_id and o.ticket_number = n.ticket_number and o.metric = n.metric
    ), wants as (
      select num, metric, 'breach' as kind, due_new as run_at, due_old as had from changed
      union all
      select num, metric, 'warn', warn_new, warn_old from changed
    )
    select array_agg(num) filter (where run_at is not null and run_at is distinct from had),
           array_agg(metric) filter (where run_at is not null and run_at is distinct from had),
           array_agg(kind) filter (where run_at is not null and run_at is distinct from had),
           array_agg(run_at) filter (where run_at is not null and run_at is distinct from had),
           array_agg(num) filter (where run_at is null and had is not null),
           array_agg(metric) filter (where run_at is null and had is not null),
           array_agg(kind) filter (where run_at is null and had is not null)
      into add_n, add_m, add_k, add_r, rm_n, rm_m, rm_k
    from wants;
    if add_n is not null or rm_n is not null then
      perform app.sla_schedule_jobs(coalesce(add_n, '{}'), coalesce(add_m, '{}'), coalesce(add_k, '{}'), coalesce(add_r, '{}'),
                                    coalesce(rm_n, '{}'), coalesce(rm_m, '{}'), coalesce(rm_k, '{}'));
    end if;
    return null;
  end
  $$;
-- A trigger with transition tables serves one event: insert and delete have their own.
create function app.sla_targets_after_insert() returns trigger
  language plpgsql
  as $$
  declare
    add_n bigint[]; add_m text[]; add_k text[]; add_r timestamptz[];
  begin
    select array_agg(num), array_agg(metric), array_agg(kind), array_agg(run_at) into add_n, add_m, add_k, add_r
    from (
      select ticket_number as num, metric::text as metric, 'breach' as kind, due_at as run_at from new_rows where status = 'running' and due_at is not null
      union all
      select ticket_number, metric::text, 'warn', warn_at from new_rows where status = 'running' and warned_at is null and warn_at is not null
    ) w;
    if add_n is not null then
      perform app.sla_schedule_jobs(add_n, add_m, add_k, add_r, '{}', '{}', '{}');
    end if;
    return null;
  end
  $$;
create function app.sla_targets_after_delete() returns trigger
  language plpgsql
  as $$
  declare
    rm_n bigint[]; rm_m text[]; rm_k text[];
  begin
    select array_agg(num), array_agg(metric), array_agg(kind) into rm_n, rm_m, rm_k
    from (
      select ticket_number as num, metric::text as metric, 'breach' as kind from old_rows where status = 'running'
      union all
      select ticket_number, metric::text, 'warn' from old_rows where status = 'running' and warned_at is null and warn_at is not null
    ) w;
    if rm_n is not null then
      perform app.sla_schedule_jobs('{}', '{}', '{}', '{}', rm_n, rm_m, rm_k);
    end if;
    return null;
  end
  $$;
create trigger ticket_sla_targets_schedule_insert after insert on ticket_sla_targets
  referencing new table as new_rows for each statement execute function app.sla_targets_after_insert();
create trigger ticket_sla_targets_schedule_update after update on ticket_sla_targets
  referencing old table as old_rows new table as new_rows for each statement execute function app.sla_targets_schedule();
create trigger ticket_sla_targets_schedule_delete after delete on ticket_sla_targets
  referencing old table as old_rows for each statement execute function app.sla_targets_after_delete();

-- A calendar or policy change re-computes the org's open tickets in a job (batched), keyed by
-- org so a burst of edits (a reorder) runs once more, not once per row.
create function app.enqueue_sla_recompute() returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    org text := nullif(pg_catalog.current_setting('app.org_id', true), '');
  begin
    if org is null then raise exception 'app.enqueue_sla_recompute: no tenant context' using errcode = '42501'; end if;
    perform graphile_worker.add_job('sla-recompute', pg_catalog.json_build_object('org_id', org),
      run_at => pg_catalog.now() + interval '1 second', max_attempts => 5, job_key => 'sla-recompute:' || org, job_key_mode => 'replace');
  end
  $$;
alter function app.enqueue_sla_recompute() owner to atum_queue;
revoke all on function app.enqueue_sla_recompute() from public;
grant execute on function app.enqueue_sla_recompute() to atum_runtime;

create function app.sla_rules_changed() returns trigger
  language plpgsql
  as $$ begin
    perform app.enqueue_sla_recompute();
    return null;
  end $$;
create trigger sla_policies_changed after insert or update or delete on sla_policies
  for each statement execute function app.sla_rules_changed();
create trigger sla_calendars_changed after update on sla_calendars
  for each statement execute function app.sla_rules_changed();

-- The safety sweep: running targets whose warning or due moment passed more than p_grace ago
-- (their job should have fired), in every org. Only what the sweep needs: org and ticket.
create function app.sla_missed(p_grace interval, p_limit integer) returns table (org_id uuid, ticket_number bigint)
  language sql stable security definer set search_path = ''
  as $$
    select distinct x.org_id, x.ticket_number from (
      (select t.org_id, t.ticket_number from public.ticket_sla_targets t
       where t.status = 'running' and t.due_at <= pg_catalog.now() - p_grace order by t.due_at limit p_limit)
      union all
      (select t.org_id, t.ticket_number from public.ticket_sla_targets t
       where t.status = 'running' and t.warned_at is null and t.warn_at <= pg_catalog.now() - p_grace order by t.warn_at limit p_limit)
    ) x
  $$;
revoke all on function app.sla_missed(interval, integer) from public;
grant execute on function app.sla_missed(interval, integer) to atum_runtime;

-- ---------------------------------------------------------------------------------------------
-- Row-level security.

do $$
declare
  t text;
begin
  foreach t in array array['sla_calendars', 'sla_policies', 'ticket_status_changes', 'ticket_sla_targets', 'sla_events'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I using (org_id = app.current_org()) with check (org_id = app.current_org())', t || '_tenant', t);
  end loop;
  alter table notifications enable row level security;
  alter table notifications force row level security;
  -- app.sla_missed runs as the schema owner, which FORCE RLS binds too when it is not a superuser.
  execute format('create policy ticket_sla_targets_owner_sweep on ticket_sla_targets for select to %I using (true)', current_user);
end
$$;

-- Anyone acting in the org may notify a member (the worker, an agent's action); each person
-- reads and marks only their own.
create policy notifications_insert on notifications for insert with check (org_id = app.current_org());
create policy notifications_own on notifications for select using (org_id = app.current_org() and user_id = app.current_user_id());
create policy notifications_own_update on notifications for update
  using (org_id = app.current_org() and user_id = app.current_user_id())
  with check (org_id = app.current_org() and user_id = app.current_user_id());

grant select, insert, update, delete on sla_calendars, sla_policies, ticket_sla_targets to atum_runtime;
grant select, insert on ticket_status_changes, sla_events, notifications to atum_runtime;
grant update (read_at) on notifications to atum_runtime;
