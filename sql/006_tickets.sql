-- Tickets: numbering, lifecycle, messages, teams, custom fields, links, followers, attachments,
-- saved views, counters, idempotency, and the audit triggers that write their history.
--
-- Visibility inside an org is SQL too: customers see only tickets they requested and never an
-- internal note, by policy, whatever a handler does.

insert into permissions (name, description) values
  ('tickets.create', 'Open tickets (customers: for themselves)'),
  ('tickets.reply',  'Reply on tickets one can see (customers: their own)');
insert into role_permissions (role, permission)
select r::member_role, p from unnest(array['customer', 'agent', 'lead', 'admin', 'owner']) as r
cross join unnest(array['tickets.create', 'tickets.reply']) as p;

alter table organizations
  add column search_language regconfig not null default 'english',
  add column solved_autoclose_days integer not null default 4
    constraint organizations_autoclose_range check (solved_autoclose_days between 1 and 365),
  add column attachment_quota_bytes bigint not null default 10737418240
    constraint organizations_quota_positive check (attachment_quota_bytes >= 0);
grant update (search_language, solved_autoclose_days) on organizations to atum_runtime;

create type ticket_status as enum ('new', 'open', 'pending', 'on_hold', 'solved', 'closed');
create type ticket_priority as enum ('low', 'normal', 'high', 'urgent');
create type ticket_type as enum ('question', 'incident', 'problem', 'task');
create type ticket_channel as enum ('web', 'portal', 'email', 'api');

-- Which status may follow which. `closed` is final: a reply to a closed ticket opens a follow-up.
create table ticket_status_transitions (
  from_status ticket_status not null,
  to_status ticket_status not null,
  primary key (from_status, to_status)
);
insert into ticket_status_transitions (from_status, to_status)
select f::ticket_status, t::ticket_status
from (values
  ('new',     array['open', 'pending', 'on_hold', 'solved', 'closed']),
  ('open',    array['pending', 'on_hold', 'solved', 'closed']),
  ('pending', array['open', 'on_hold', 'solved', 'closed']),
  ('on_hold', array['open', 'pending', 'solved', 'closed']),
  ('solved',  array['open', 'closed'])
) as r (f, tos)
cross join lateral unnest(r.tos) as t;
grant select on ticket_status_transitions to atum_runtime;
-- A rules table, the same for every org.
alter table ticket_status_transitions enable row level security;
alter table ticket_status_transitions force row level security;
create policy ticket_status_transitions_read on ticket_status_transitions for select using (true);

-- Per-org ticket numbers: 1, 2, 3 …, never reused (a rolled-back create may leave a gap).
create table ticket_counters (
  org_id uuid primary key references organizations (id) on delete cascade,
  last_number bigint not null default 0
);

create table teams (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null constraint teams_name_length check (length(name) between 1 and 100),
  round_robin boolean not null default false,
  -- Round-robin hands the next ticket to the member after this one.
  last_assigned_user_id uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id)
);
create unique index teams_name_key on teams (org_id, lower(name));

create table team_members (
  org_id uuid not null,
  team_id uuid not null,
  user_id uuid not null,
  primary key (org_id, team_id, user_id),
  foreign key (org_id, team_id) references teams (org_id, id) on delete cascade,
  foreign key (org_id, user_id) references memberships (org_id, user_id) on delete cascade
);

create type custom_field_type as enum ('text', 'textarea', 'integer', 'decimal', 'date', 'checkbox', 'dropdown', 'multi_select', 'regex');

create table custom_fields (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  key text not null constraint custom_fields_key_format check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  label text not null constraint custom_fields_label_length check (length(label) between 1 and 200),
  type custom_field_type not null,
  -- Choices of a dropdown or multi-select.
  options text[] not null default '{}',
  -- The pattern a regex field's value must match (POSIX, anchored by the author).
  pattern text,
  -- The field must have a value once the ticket reaches this status (in lifecycle order).
  required_from ticket_status,
  visible_to_customers boolean not null default false,
  position integer not null default 0,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, key),
  constraint custom_fields_options check (
    (type in ('dropdown', 'multi_select')) = (cardinality(options) > 0)),
  constraint custom_fields_pattern check ((type = 'regex') = (pattern is not null))
);

create table tickets (
  org_id uuid not null references organizations (id) on delete cascade,
  number bigint not null,
  subject text not null constraint tickets_subject_length check (length(subject) between 1 and 500),
  status ticket_status not null default 'new',
  priority ticket_priority not null default 'normal',
  type ticket_type not null default 'question',
  channel ticket_channel not null default 'web',
  requester_id uuid not null,
  assignee_id uuid,
  team_id uuid,
  tags text[] not null default '{}' constraint tickets_tags_count check (cardinality(tags) <= 50),
  custom_fields jsonb not null default '{}' constraint tickets_custom_fields_object check (jsonb_typeof(custom_fields) = 'object'),
  merged_into bigint,
  follow_up_of bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  first_response_at timestamptz,
  solved_at timestamptz,
  closed_at timestamptz,
  -- Subject and every message, internal notes included: staff search only (customers search
  -- their own tickets' public messages, see lib/tickets/search.ts).
  search tsvector not null default ''::tsvector,
  primary key (org_id, number),
  foreign key (org_id, requester_id) references memberships (org_id, user_id),
  foreign key (org_id, assignee_id) references memberships (org_id, user_id) on delete set null (assignee_id),
  foreign key (org_id, team_id) references teams (org_id, id) on delete set null (team_id),
  foreign key (org_id, merged_into) references tickets (org_id, number),
  foreign key (org_id, follow_up_of) references tickets (org_id, number)
);
-- The agent queue: unsolved tickets by last update, newest first (keyset on updated_at, number).
create index tickets_queue_idx on tickets (org_id, updated_at desc, number desc) where status in ('new', 'open', 'pending', 'on_hold');
create index tickets_status_idx on tickets (org_id, status, updated_at desc, number desc);
create index tickets_assignee_idx on tickets (org_id, assignee_id, updated_at desc, number desc) where assignee_id is not null;
create index tickets_team_idx on tickets (org_id, team_id, updated_at desc, number desc) where team_id is not null;
create index tickets_requester_idx on tickets (org_id, requester_id, updated_at desc, number desc);
create index tickets_search_idx on tickets using gin (search);
create index tickets_tags_idx on tickets using gin (tags);
create index tickets_custom_fields_idx on tickets using gin (custom_fields jsonb_path_ops);

-- Row-level security only lets an index answer a condition whose operator is LEAKPROOF; the
-- full-text match `@@` is not marked so, which would make every search scan the whole org.
-- ts_match_vq reports nothing about a row but its match, so it is marked here when the
-- migration runs as a superuser, and by infra/install.sh (as postgres) in production.
do $$ begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof;
  else
    raise notice 'run as a superuser: alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof; (full-text search uses its index only then)';
  end if;
end $$;

create table messages (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  ticket_number bigint not null,
  author_id uuid,
  internal boolean not null default false,
  body_text text not null constraint messages_body_length check (length(body_text) <= 1000000),
  body_html text,
  channel ticket_channel not null default 'web',
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade
);
create index messages_ticket_idx on messages (org_id, ticket_number, created_at);

create table ticket_links (
  org_id uuid not null,
  a bigint not null,
  b bigint not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, a, b),
  constraint ticket_links_ordered check (a < b),
  foreign key (org_id, a) references tickets (org_id, number) on delete cascade,
  foreign key (org_id, b) references tickets (org_id, number) on delete cascade
);

create table ticket_followers (
  org_id uuid not null,
  ticket_number bigint not null,
  user_id uuid not null,
  primary key (org_id, ticket_number, user_id),
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade,
  foreign key (org_id, user_id) references memberships (org_id, user_id) on delete cascade
);

-- File content, stored once per org under its SHA-256 (lib/attachments/blob-store.ts).
create table attachment_blobs (
  org_id uuid not null references organizations (id) on delete cascade,
  sha256 text not null constraint attachment_blobs_sha256 check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null constraint attachment_blobs_size check (size >= 0),
  mime text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, sha256)
);

create table attachments (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  ticket_number bigint not null,
  message_id uuid,
  sha256 text not null,
  filename text not null constraint attachments_filename_length check (length(filename) between 1 and 255),
  size bigint not null,
  mime text not null,
  uploaded_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, ticket_number) references tickets (org_id, number) on delete cascade,
  foreign key (org_id, message_id) references messages (org_id, id) on delete cascade,
  foreign key (org_id, sha256) references attachment_blobs (org_id, sha256)
);
create index attachments_ticket_idx on attachments (org_id, ticket_number);

create table saved_views (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null constraint saved_views_name_length check (length(name) between 1 and 100),
  -- Personal (owner_user_id) or shared with a team (team_id).
  owner_user_id uuid,
  team_id uuid,
  filters jsonb not null default '{}' constraint saved_views_filters_object check (jsonb_typeof(filters) = 'object'),
  sort text not null default 'updated_desc',
  position integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  constraint saved_views_owner check ((owner_user_id is null) <> (team_id is null)),
  foreign key (org_id, owner_user_id) references memberships (org_id, user_id) on delete cascade,
  foreign key (org_id, team_id) references teams (org_id, id) on delete cascade
);

-- Tickets per status, for the whole org, per assignee and per team: what the queue sidebar shows
-- without ever counting rows. Kept by a trigger that runs at commit (see below).
create table ticket_counts (
  org_id uuid not null references organizations (id) on delete cascade,
  scope text not null constraint ticket_counts_scope check (scope in ('org', 'assignee', 'team')),
  scope_id uuid not null,
  status ticket_status not null,
  n bigint not null default 0,
  primary key (org_id, scope, scope_id, status)
);

-- A creating POST with an Idempotency-Key is answered once; a retry gets the stored answer.
create table idempotency_keys (
  org_id uuid not null references organizations (id) on delete cascade,
  actor text not null,
  key text not null constraint idempotency_keys_key_length check (length(key) between 1 and 255),
  request_hash bytea not null,
  status integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (org_id, actor, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

-- ---------------------------------------------------------------------------------------------
-- Functions and triggers.

-- The tenant context of the request, for triggers that record who did what.
create function app.current_api_key_id() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.api_key_id', true), '')::uuid $$;
create function app.current_client_ip() returns inet
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.client_ip', true), '')::inet $$;
grant execute on function app.current_api_key_id(), app.current_client_ip() to atum_runtime;

create function app.next_ticket_number(p_org uuid) returns bigint
  language sql volatile
  as $$
    insert into public.ticket_counters as c (org_id, last_number) values (p_org, 1)
    on conflict (org_id) do update set last_number = c.last_number + 1
    returning last_number
  $$;
grant execute on function app.next_ticket_number(uuid) to atum_runtime;

-- The requester of an API or email ticket, by address: an existing person of any org is reused
-- (RLS hides them from this org until they are a member), a new one is created without a
-- password, and either becomes a customer of the current org if not a member yet.
create function app.ensure_requester(p_email text, p_name text) returns uuid
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    uid uuid;
    org uuid := app.current_org();
  begin
    if org is null then raise exception 'no tenant context' using errcode = '42501'; end if;
    select u.id into uid from public.users u where lower(u.email) = lower(p_email);
    if uid is null then
      insert into public.users (email, name) values (p_email, coalesce(p_name, '')) returning id into uid;
    end if;
    insert into public.memberships (org_id, user_id, role) values (org, uid, 'customer') on conflict do nothing;
    return uid;
  end
  $$;
revoke all on function app.ensure_requester(text, text) from public;
grant execute on function app.ensure_requester(text, text) to atum_runtime;

-- Jobs are enqueued in SQL, where a DBA can see why each exists. The function belongs to the
-- queue role (the app role has no rights on graphile_worker), accepts only the tasks listed,
-- and always stamps the current org into the payload.
do $$ begin
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant atum_queue to %I', current_user);
  end if;
end $$;
create function app.enqueue_job(p_identifier text, p_payload jsonb, p_run_at timestamptz, p_job_key text) returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    org text := nullif(pg_catalog.current_setting('app.org_id', true), '');
  begin
    if p_identifier not in ('ticket-autoclose') then
      raise exception 'app.enqueue_job: % is not a task tenants may enqueue', p_identifier using errcode = '42501';
    end if;
    if org is null then raise exception 'app.enqueue_job: no tenant context' using errcode = '42501'; end if;
    perform graphile_worker.add_job(p_identifier, (p_payload || pg_catalog.jsonb_build_object('org_id', org))::json,
      run_at => p_run_at, max_attempts => 10, job_key => p_job_key || ':' || org, job_key_mode => 'replace');
  end
  $$;
alter function app.enqueue_job(text, jsonb, timestamptz, text) owner to atum_queue;
revoke all on function app.enqueue_job(text, jsonb, timestamptz, text) from public;
grant execute on function app.enqueue_job(text, jsonb, timestamptz, text) to atum_runtime;

-- Lifecycle rules on every ticket write: allowed transitions, the solved/closed timestamps, the
-- auto-close job, required custom fields, and the subject in the search vector.
create function app.tickets_before_write() returns trigger
  language plpgsql
  as $$
  declare
    missing text;
    lang regconfig;
  begin
    if tg_op = 'UPDATE' and new.status is distinct from old.status then
      if not exists (select 1 from public.ticket_status_transitions
                     where from_status = old.status and to_status = new.status) then
        raise exception 'a % ticket cannot become %', old.status, new.status
          using errcode = '23514', constraint = 'ticket_status_transition';
      end if;
    end if;
    if tg_op = 'INSERT' or new.status is distinct from old.status then
      new.solved_at := case when new.status in ('solved', 'closed') then coalesce(new.solved_at, now()) end;
      new.closed_at := case when new.status = 'closed' then now() end;
    end if;
    if tg_op = 'INSERT' or new.status is distinct from old.status or new.custom_fields is distinct from old.custom_fields then
      select string_agg(f.key, ', ' order by f.position, f.key) into missing
      from public.custom_fields f
      where f.org_id = new.org_id and f.archived_at is null and f.required_from is not null
        and new.status >= f.required_from
        and coalesce(new.custom_fields -> f.key, 'null'::jsonb) in ('null'::jsonb, '""'::jsonb, '[]'::jsonb);
    end if;
    if missing is not null then
      raise exception 'custom fields % are required once a ticket is %', missing, new.status
        using errcode = '23514', constraint = 'ticket_required_custom_fields';
    end if;
    if tg_op = 'INSERT' then
      -- A create may bring the first message's words already (lib/tickets/create.ts), so that
      -- message need not update the ticket again.
      select search_language into lang from public.organizations where id = new.org_id;
      new.search := to_tsvector(coalesce(lang, 'simple'), new.subject) || new.search;
    elsif new.subject is distinct from old.subject then
      select search_language into lang from public.organizations where id = new.org_id;
      new.search := to_tsvector(coalesce(lang, 'simple'), new.subject) || coalesce((
        select to_tsvector(coalesce(lang, 'simple'), left(string_agg(m.body_text, ' '), 500000))
        from public.messages m where m.org_id = new.org_id and m.ticket_number = new.number), '');
    end if;
    return new;
  end
  $$;
create trigger tickets_before_write before insert or update on tickets
  for each row execute function app.tickets_before_write();

create function app.tickets_schedule_autoclose() returns trigger
  language plpgsql
  as $$
  declare
    days integer;
  begin
    if new.status = 'solved' then
      select solved_autoclose_days into days from public.organizations where id = new.org_id;
      perform app.enqueue_job('ticket-autoclose', jsonb_build_object('number', new.number),
        new.solved_at + make_interval(days => days), 'autoclose:' || new.number);
    end if;
    return null;
  end
  $$;
create trigger tickets_schedule_autoclose after insert or update of status on tickets
  for each row when (new.status = 'solved') execute function app.tickets_schedule_autoclose();

-- A message updates its ticket: last activity, search, first response (the first public reply
-- by staff), and a customer's reply reopens a pending or solved ticket. A reply to a new
-- ticket by staff opens it.
create function app.messages_after_insert() returns trigger
  language plpgsql
  as $$
  declare
    author_role public.member_role;
    lang regconfig;
  begin
    -- The first message is the request itself: no response, no status change, and its words
    -- came with the ticket's insert.
    if not exists (select 1 from public.messages m where m.org_id = new.org_id and m.ticket_number = new.ticket_number and m.id <> new.id) then
      return null;
    end if;
    select role into author_role from public.memberships where org_id = new.org_id and user_id = new.author_id;
    select search_language into lang from public.organizations where id = new.org_id;
    begin
      update public.tickets t set
        updated_at = now(),
        search = t.search || to_tsvector(coalesce(lang, 'simple'), left(new.body_text, 100000)),
        first_response_at = case when t.first_response_at is null and not new.internal
                                   and author_role is not null and author_role <> 'customer'
                                 then now() else t.first_response_at end,
        status = case when author_role = 'customer' and t.status in ('pending', 'solved') then 'open'
                      when author_role is not null and author_role <> 'customer' and not new.internal and t.status = 'new' then 'open'
                      else t.status end
      where t.org_id = new.org_id and t.number = new.ticket_number;
    exception when program_limit_exceeded then
      -- A thread too long for one tsvector keeps the words it has; the rest still updates.
      update public.tickets t set updated_at = now() where t.org_id = new.org_id and t.number = new.ticket_number;
    end;
    return null;
  end
  $$;
create trigger messages_after_insert after insert on messages
  for each row execute function app.messages_after_insert();

-- Counters and history are written at commit (deferred constraint triggers), so the per-org
-- locks they take (the audit chain, the counter rows) are held for the commit only.
create function app.tickets_count() returns trigger
  language plpgsql
  as $$
  declare
    zero constant uuid := '00000000-0000-0000-0000-000000000000';
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      update public.ticket_counts set n = n - 1
      where org_id = old.org_id and status = old.status
        and ((scope = 'org' and scope_id = zero)
          or (scope = 'assignee' and scope_id = old.assignee_id)
          or (scope = 'team' and scope_id = old.team_id));
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into public.ticket_counts as c (org_id, scope, scope_id, status, n)
      select new.org_id, s.scope, s.id, new.status, 1
      from (values ('org', zero), ('assignee', new.assignee_id), ('team', new.team_id)) as s (scope, id)
      where s.id is not null
      order by 1, 2, 3, 4
      on conflict (org_id, scope, scope_id, status) do update set n = c.n + 1;
    end if;
    return null;
  end
  $$;
create constraint trigger tickets_count after insert or delete on tickets
  deferrable initially deferred
  for each row execute function app.tickets_count();
-- Only real moves: a reply rewrites status to itself, which must not touch six counter rows.
create constraint trigger tickets_count_moves after update of status, assignee_id, team_id on tickets
  deferrable initially deferred
  for each row
  when (old.status is distinct from new.status or old.assignee_id is distinct from new.assignee_id or old.team_id is distinct from new.team_id)
  execute function app.tickets_count();

create function app.audit_row(p_org uuid, p_action text, p_target_type text, p_target_id text, p_details jsonb) returns void
  language sql volatile
  as $$
    insert into public.audit_log (org_id, actor_user_id, actor_api_key_id, actor_ip, action, target_type, target_id, details)
    values (p_org, app.current_user_id(), app.current_api_key_id(), app.current_client_ip(), p_action, p_target_type, p_target_id, p_details)
  $$;

-- The columns of a change worth a line in a ticket's history, as {column: [old, new]}.
create function app.jsonb_changes(p_old jsonb, p_new jsonb, p_columns text[]) returns jsonb
  language sql immutable
  as $$
    select coalesce(jsonb_object_agg(c, jsonb_build_array(p_old -> c, p_new -> c)), '{}')
    from unnest(p_columns) as c
    where (p_old -> c) is distinct from (p_new -> c)
  $$;

create function app.tickets_audit() returns trigger
  language plpgsql
  as $$
  declare
    changes jsonb;
  begin
    if tg_op = 'INSERT' then
      perform app.audit_row(new.org_id, 'ticket.create', 'ticket', new.number::text, jsonb_build_object(
        'subject', new.subject, 'status', new.status, 'priority', new.priority, 'type', new.type,
        'channel', new.channel, 'requester_id', new.requester_id, 'assignee_id', new.assignee_id,
        'team_id', new.team_id, 'follow_up_of', new.follow_up_of));
    else
      changes := app.jsonb_changes(to_jsonb(old), to_jsonb(new), array['subject', 'status', 'priority', 'type',
        'requester_id', 'assignee_id', 'team_id', 'tags', 'custom_fields', 'merged_into']);
      if changes <> '{}' then
        perform app.audit_row(new.org_id, 'ticket.update', 'ticket', new.number::text, jsonb_build_object('changes', changes));
      end if;
    end if;
    return null;
  end
  $$;
create constraint trigger tickets_audit after insert or update on tickets
  deferrable initially deferred
  for each row execute function app.tickets_audit();

create function app.messages_audit() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op = 'INSERT' then
      -- The first message is the request, recorded by ticket.create.
      if not exists (select 1 from public.messages m where m.org_id = new.org_id and m.ticket_number = new.ticket_number and m.id <> new.id) then
        return null;
      end if;
      perform app.audit_row(new.org_id, case when new.internal then 'ticket.note' else 'ticket.reply' end, 'ticket',
        new.ticket_number::text, jsonb_build_object('message_id', new.id, 'author_id', new.author_id, 'channel', new.channel));
    elsif new.ticket_number <> old.ticket_number then
      perform app.audit_row(new.org_id, 'message.move', 'ticket', new.ticket_number::text,
        jsonb_build_object('message_id', new.id, 'from', old.ticket_number));
    end if;
    return null;
  end
  $$;
create constraint trigger messages_audit after insert or update of ticket_number on messages
  deferrable initially deferred
  for each row execute function app.messages_audit();

create function app.memberships_audit() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op = 'INSERT' then
      perform app.audit_row(new.org_id, 'member.add', 'user', new.user_id::text, jsonb_build_object('role', new.role));
    elsif tg_op = 'DELETE' then
      perform app.audit_row(old.org_id, 'member.remove', 'user', old.user_id::text, jsonb_build_object('role', old.role));
    else
      if new.role is distinct from old.role then
        perform app.audit_row(new.org_id, 'member.role_change', 'user', new.user_id::text, jsonb_build_object('from', old.role, 'to', new.role));
      end if;
      if (new.disabled_at is null) <> (old.disabled_at is null) then
        perform app.audit_row(new.org_id, case when new.disabled_at is null then 'member.enable' else 'member.disable' end, 'user', new.user_id::text, '{}');
      end if;
    end if;
    return null;
  end
  $$;
create trigger memberships_audit after insert or update or delete on memberships
  for each row execute function app.memberships_audit();

create function app.organizations_audit() returns trigger
  language plpgsql
  as $$
  declare
    changes jsonb := app.jsonb_changes(to_jsonb(old), to_jsonb(new), array['name', 'settings', 'require_2fa',
      'ip_allowlist', 'search_language', 'solved_autoclose_days', 'attachment_quota_bytes']);
  begin
    if changes <> '{}' then
      perform app.audit_row(new.id, 'org.settings_change', 'organization', new.id::text, jsonb_build_object('changes', changes));
    end if;
    return null;
  end
  $$;
create trigger organizations_audit after update on organizations
  for each row execute function app.organizations_audit();

grant execute on function app.audit_row(uuid, text, text, text, jsonb), app.jsonb_changes(jsonb, jsonb, text[]) to atum_runtime;

-- ---------------------------------------------------------------------------------------------
-- Row-level security.

do $$
declare
  t text;
begin
  foreach t in array array['ticket_counters', 'teams', 'team_members', 'custom_fields', 'ticket_links', 'ticket_followers',
                           'attachment_blobs', 'ticket_counts', 'idempotency_keys'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I using (org_id = app.current_org()) with check (org_id = app.current_org())', t || '_tenant', t);
  end loop;
  foreach t in array array['tickets', 'messages', 'attachments', 'saved_views'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
  end loop;
end
$$;

-- Staff (every role but customer, and API keys, which act as agents) see the whole org.
create policy tickets_staff on tickets
  using (org_id = app.current_org() and app.current_member_role() <> 'customer')
  with check (org_id = app.current_org() and app.current_member_role() <> 'customer');
-- A customer sees, opens and updates (replies, marks solved) only tickets they requested.
create policy tickets_customer on tickets
  using (org_id = app.current_org() and app.current_member_role() = 'customer' and requester_id = app.current_user_id())
  with check (org_id = app.current_org() and app.current_member_role() = 'customer' and requester_id = app.current_user_id());

create policy messages_staff on messages
  using (org_id = app.current_org() and app.current_member_role() <> 'customer')
  with check (org_id = app.current_org() and app.current_member_role() <> 'customer');
-- Never an internal note, and only on their own tickets (the tickets policy does the rest).
create policy messages_customer on messages
  using (org_id = app.current_org() and app.current_member_role() = 'customer' and not internal
         and exists (select 1 from tickets t where t.org_id = messages.org_id and t.number = messages.ticket_number))
  with check (org_id = app.current_org() and app.current_member_role() = 'customer' and not internal
         and author_id = app.current_user_id()
         and exists (select 1 from tickets t where t.org_id = messages.org_id and t.number = messages.ticket_number));

create policy attachments_staff on attachments
  using (org_id = app.current_org() and app.current_member_role() <> 'customer')
  with check (org_id = app.current_org() and app.current_member_role() <> 'customer');
create policy attachments_customer on attachments
  using (org_id = app.current_org() and app.current_member_role() = 'customer'
         and exists (select 1 from tickets t where t.org_id = attachments.org_id and t.number = attachments.ticket_number)
         and (message_id is null or exists (select 1 from messages m where m.org_id = attachments.org_id and m.id = attachments.message_id)))
  with check (org_id = app.current_org() and app.current_member_role() = 'customer' and uploaded_by = app.current_user_id()
         and exists (select 1 from tickets t where t.org_id = attachments.org_id and t.number = attachments.ticket_number));

-- Personal views for their owner, team views for the team, all of them for admins.
create policy saved_views_visible on saved_views
  using (org_id = app.current_org() and (
           owner_user_id = app.current_user_id()
           or exists (select 1 from team_members tm where tm.org_id = saved_views.org_id and tm.team_id = saved_views.team_id and tm.user_id = app.current_user_id())
           or app.current_member_role() in ('admin', 'owner')))
  with check (org_id = app.current_org() and (owner_user_id = app.current_user_id() or app.current_member_role() in ('lead', 'admin', 'owner')));

grant select, insert, update on tickets, ticket_counters, teams, custom_fields, saved_views, ticket_counts, idempotency_keys to atum_runtime;
grant delete on teams, saved_views, idempotency_keys to atum_runtime;
grant select, insert on messages, attachment_blobs, attachments to atum_runtime;
grant update (ticket_number) on messages to atum_runtime;
grant select, insert, delete on team_members, ticket_links, ticket_followers to atum_runtime;
