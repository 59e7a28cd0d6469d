-- Live updates and macros.
--
-- Live updates (DESIGN.md, "Tenancy and the database"): a trigger sends a small payload on the
-- one channel `atum_live` for every change a page shows. NOTIFY is delivered at commit (and not
-- at all on rollback), and PostgreSQL folds identical payloads of one transaction into one. The
-- payload names the org, a kind and an id, never any data: each API process LISTENs once and
-- tells that org's open pages (lib/live/hub.ts), which re-fetch under their own RLS context.
--   {"org": "<uuid>", "kind": "ticket",  "id": "42"}   the ticket row changed (or a link of it)
--   {"org": "<uuid>", "kind": "message", "id": "42"}   the thread of ticket 42 changed
--   {"org": "<uuid>", "kind": "presence","id": "42"}   who looks at ticket 42 changed (sent by the app)

create function app.notify_live(p_org uuid, p_kind text, p_id text) returns void
  language sql
  as $$
    select pg_notify('atum_live', json_build_object('org', p_org, 'kind', p_kind, 'id', p_id)::text)
  $$;
grant execute on function app.notify_live(uuid, text, text) to atum_runtime;

create function app.tickets_notify_live() returns trigger
  language plpgsql
  as $$
  begin
    perform app.notify_live(new.org_id, 'ticket', new.number::text);
    return null;
  end
  $$;
create trigger tickets_notify_live after insert or update on tickets
  for each row execute function app.tickets_notify_live();

-- A merge moves messages and files from one ticket to another: both threads changed.
create function app.thread_notify_live() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op <> 'INSERT' and old.ticket_number is distinct from new.ticket_number then
      perform app.notify_live(old.org_id, 'message', old.ticket_number::text);
    end if;
    perform app.notify_live(new.org_id, 'message', new.ticket_number::text);
    return null;
  end
  $$;
create trigger messages_notify_live after insert or update of ticket_number on messages
  for each row execute function app.thread_notify_live();
create trigger attachments_notify_live after insert or update of ticket_number on attachments
  for each row execute function app.thread_notify_live();

create function app.ticket_links_notify_live() returns trigger
  language plpgsql
  as $$
  declare
    r record;
  begin
    r := coalesce(new, old);
    perform app.notify_live(r.org_id, 'ticket', r.a::text);
    perform app.notify_live(r.org_id, 'ticket', r.b::text);
    return null;
  end
  $$;
create trigger ticket_links_notify_live after insert or delete on ticket_links
  for each row execute function app.ticket_links_notify_live();

-- Macros: canned responses, shared with the org (owner_user_id null) or personal. Applying one
-- fills the composer with its text (placeholders filled in by lib/macros/render.ts) and may
-- set the ticket's status and priority and add tags.
create table macros (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  owner_user_id uuid,
  name text not null constraint macros_name_length check (length(name) between 1 and 100),
  body text not null default '' constraint macros_body_length check (length(body) <= 20000),
  -- The text is meant as an internal note rather than a public reply.
  internal boolean not null default false,
  set_status ticket_status,
  set_priority ticket_priority,
  add_tags text[] not null default '{}' constraint macros_tags_count check (cardinality(add_tags) <= 20),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, owner_user_id) references memberships (org_id, user_id) on delete cascade
);
create index macros_owner_idx on macros (org_id, owner_user_id, name);

-- Staff read the org's shared macros and their own; nobody reads another person's personal ones.
-- Shared macros are written by leads, admins and owners; personal ones by their owner alone.
create function app.may_write_macro(p_owner uuid) returns boolean
  language sql stable
  as $$
    select app.current_member_role() is distinct from 'customer' and (
      (p_owner is not null and p_owner = app.current_user_id())
      or (p_owner is null and app.current_member_role() in ('lead', 'admin', 'owner')))
  $$;
grant execute on function app.may_write_macro(uuid) to atum_runtime;

alter table macros enable row level security;
alter table macros force row level security;
create policy macros_read on macros for select
  using (org_id = app.current_org() and app.current_member_role() <> 'customer'
         and (owner_user_id is null or owner_user_id = app.current_user_id()));
create policy macros_insert on macros for insert
  with check (org_id = app.current_org() and app.may_write_macro(owner_user_id));
create policy macros_update on macros for update
  using (org_id = app.current_org() and app.may_write_macro(owner_user_id))
  with check (org_id = app.current_org() and app.may_write_macro(owner_user_id));
create policy macros_delete on macros for delete
  using (org_id = app.current_org() and app.may_write_macro(owner_user_id));

grant select, insert, update, delete on macros to atum_runtime;
