-- Organizations are the tenants. Users are global identities (one email, one password), so the
-- same person can belong to several orgs with a different role in each: that is a membership.

create table organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    constraint organizations_slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  name text not null constraint organizations_name_length check (length(name) between 1 and 200),
  settings jsonb not null default '{}' constraint organizations_settings_object check (jsonb_typeof(settings) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null constraint users_email_format check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  name text not null default '' constraint users_name_length check (length(name) <= 200),
  password_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table memberships (
  org_id uuid not null references organizations (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role member_role not null,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index memberships_user_id_idx on memberships (user_id);

-- Row-level security. FORCE makes the table owner obey the policies too (superusers excepted).
alter table organizations enable row level security;
alter table organizations force row level security;
create policy organizations_tenant on organizations
  using (id = app.current_org())
  with check (id = app.current_org());

alter table memberships enable row level security;
alter table memberships force row level security;
create policy memberships_tenant on memberships
  using (org_id = app.current_org())
  with check (org_id = app.current_org());

-- A user row is visible to the user and to the orgs it is a member of. Only the user may change
-- it: an org admin must never be able to rewrite a person who also belongs to another org.
alter table users enable row level security;
alter table users force row level security;
create policy users_visible on users for select
  using (id = app.current_user_id()
         or exists (select 1 from memberships m where m.user_id = users.id and m.org_id = app.current_org()));
create policy users_self_update on users for update
  using (id = app.current_user_id())
  with check (id = app.current_user_id());
create policy users_insert on users for insert with check (true);

-- The application role never reads password hashes; sign-in checks them through a function.
grant select, update (name, settings, updated_at) on organizations to atum_runtime;
grant select (id, email, name, created_at, updated_at) on users to atum_runtime;
grant update (name, updated_at) on users to atum_runtime;
grant select, insert, update, delete on memberships to atum_runtime;
