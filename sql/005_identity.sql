-- Identity and access: sessions with rotating refresh tokens, API keys, TOTP 2FA, invitations,
-- password resets, the mail outbox, org security settings and the audit log.
--
-- Opaque tokens (refresh tokens, API keys, invitation and reset tokens) carry their org's id in
-- clear text and are stored only as SHA-256 hashes. The org id lets a request set its tenant
-- context before it looks the token up, so even token lookups run under RLS: a token of org A
-- presented with org B's id finds nothing.

-- Org security settings. An empty allowlist allows every address.
alter table organizations
  add column ip_allowlist cidr[] not null default '{}',
  add column require_2fa boolean not null default false;
grant update (ip_allowlist, require_2fa) on organizations to atum_runtime;

-- The app may set a password (a user's own row only, by users_self_update) but never read one.
grant update (password_hash) on users to atum_runtime;

-- Anonymous sign-in only knows the slug; this returns the id and nothing else.
create function app.org_id_by_slug(p_slug text) returns uuid
  language sql stable security definer set search_path = ''
  as $$ select id from public.organizations where slug = lower(p_slug) $$;
revoke all on function app.org_id_by_slug(text) from public;
-- The function runs as the schema owner, which FORCE RLS binds too when it is not a superuser
-- (as in production): let that one role, and no other, read organizations by slug.
do $$ begin
  execute format('create policy organizations_owner_lookup on organizations for select to %I using (true)', current_user);
end $$;
grant execute on function app.org_id_by_slug(text) to atum_runtime;

-- What sign-in needs about one email in the current org, including the hash the app role cannot
-- select. Returns no row for an email that is not a member, so the caller can spend the same
-- argon2 time on a dummy hash.
create function app.login_candidate(p_email text)
  returns table (user_id uuid, role member_role, disabled boolean, password_hash text)
  language sql stable security definer set search_path = ''
  as $$
    select u.id, m.role, m.disabled_at is not null, u.password_hash
    from public.users u
    join public.memberships m on m.user_id = u.id and m.org_id = app.current_org()
    where lower(u.email) = lower(p_email)
  $$;
revoke all on function app.login_candidate(text) from public;
grant execute on function app.login_candidate(text) to atum_runtime;

-- A session is one sign-in: a family of refresh tokens, rotated on every use.
create table sessions (
  org_id uuid not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text,
  ip inet,
  user_agent text constraint sessions_user_agent_length check (length(user_agent) <= 500),
  primary key (org_id, id),
  foreign key (org_id, user_id) references memberships (org_id, user_id) on delete cascade
);
create index sessions_user_idx on sessions (org_id, user_id) where revoked_at is null;

create table refresh_tokens (
  org_id uuid not null,
  token_hash bytea not null,
  session_id uuid not null,
  issued_at timestamptz not null default now(),
  used_at timestamptz,
  primary key (org_id, token_hash),
  foreign key (org_id, session_id) references sessions (org_id, id) on delete cascade
);
create index refresh_tokens_session_idx on refresh_tokens (org_id, session_id, used_at desc);

-- Disabling a member ends every session at once, whichever path disabled them (API, CLI, SQL).
create function app.revoke_sessions_of_disabled_member() returns trigger
  language plpgsql
  as $$
  begin
    if new.disabled_at is not null and old.disabled_at is null then
      update public.sessions set revoked_at = now(), revoked_reason = 'member_disabled'
      where org_id = new.org_id and user_id = new.user_id and revoked_at is null;
    end if;
    return new;
  end
  $$;
create trigger memberships_revoke_sessions after update of disabled_at on memberships
  for each row execute function app.revoke_sessions_of_disabled_member();

create table api_keys (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null constraint api_keys_name_length check (length(name) between 1 and 100),
  token_hash bytea not null,
  -- The first characters of the key, shown in lists so people can tell keys apart.
  display_prefix text not null,
  permissions text[] not null constraint api_keys_permissions_nonempty check (cardinality(permissions) > 0),
  created_by uuid,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid,
  primary key (org_id, id),
  unique (org_id, token_hash)
);

-- TOTP is per person, not per org: one authenticator for every org the email belongs to.
create table user_totp (
  user_id uuid primary key references users (id) on delete cascade,
  -- AES-256-GCM sealed with a key derived from APP_SECRET (lib/auth/secret-box.ts).
  secret_sealed text not null,
  confirmed_at timestamptz,
  -- The last time step accepted: a code for this step or an earlier one is a replay.
  last_used_step bigint,
  created_at timestamptz not null default now()
);

create table user_recovery_codes (
  user_id uuid not null references users (id) on delete cascade,
  code_hash bytea not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

create table invitations (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  email text not null constraint invitations_email_format check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  role member_role not null,
  token_hash bytea not null,
  invited_by uuid,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  primary key (org_id, id),
  unique (org_id, token_hash)
);

create table password_resets (
  org_id uuid not null references organizations (id) on delete cascade,
  token_hash bytea not null,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  primary key (org_id, token_hash)
);

-- Mail waiting to be sent. The email issue's job delivers it and fills sent_at.
create table outbox (
  org_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  kind text not null,
  to_address text not null,
  subject text not null,
  body_text text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text,
  primary key (org_id, id)
);
create index outbox_unsent_idx on outbox (created_at) where sent_at is null;

-- The audit log is append-only and hash-chained per org: each row's hash covers its content
-- and the previous row's hash, so an edit or a deletion made behind the app's back (by a DBA
-- with the owner role) shows up as a broken chain in app.audit_chain_break().
create table audit_log (
  org_id uuid not null references organizations (id),
  seq bigint not null,
  at timestamptz not null default now(),
  actor_user_id uuid,
  actor_api_key_id uuid,
  actor_ip inet,
  action text not null constraint audit_log_action_format check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  target_type text,
  target_id text,
  details jsonb not null default '{}',
  prev_hash bytea,
  hash bytea not null,
  primary key (org_id, seq)
);
create index audit_log_at_idx on audit_log (org_id, at desc);

create function app.audit_row_hash(r public.audit_log) returns bytea
  language sql immutable set search_path = ''
  as $$
    select pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.concat_ws('|',
      r.org_id, r.seq, pg_catalog.to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
      r.actor_user_id, r.actor_api_key_id, r.actor_ip, r.action, r.target_type, r.target_id,
      r.details::text, pg_catalog.encode(r.prev_hash, 'hex')), 'UTF8'))
  $$;

-- SECURITY DEFINER so the chain is computed over every row of the org, whatever the inserting
-- role may read. The per-org advisory lock orders concurrent inserts, and seq is assigned under
-- it, so seq order is chain order.
create function app.audit_log_chain() returns trigger
  language plpgsql security definer set search_path = ''
  as $$
  declare
    last record;
  begin
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('audit_log:' || new.org_id::text, 0));
    select a.seq, a.hash into last from public.audit_log a where a.org_id = new.org_id order by a.seq desc limit 1;
    new.seq := coalesce(last.seq, 0) + 1;
    new.prev_hash := last.hash;
    new.at := pg_catalog.now();
    new.hash := app.audit_row_hash(new);
    return new;
  end
  $$;
create trigger audit_log_chain before insert on audit_log
  for each row execute function app.audit_log_chain();

create function app.audit_log_immutable() returns trigger
  language plpgsql
  as $$ begin raise exception 'audit_log is append-only' using errcode = '42501'; end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function app.audit_log_immutable();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function app.audit_log_immutable();

-- The first seq whose hash does not match its content or its predecessor, or null when intact.
create function app.audit_chain_break(p_org uuid) returns bigint
  language sql stable security definer set search_path = ''
  as $$
    select min(seq) from (
      select a.seq, a.hash, a.prev_hash, app.audit_row_hash(a) as computed,
             pg_catalog.lag(a.hash) over (order by a.seq) as expected_prev,
             pg_catalog.lag(a.seq) over (order by a.seq) as prev_seq
      from public.audit_log a where a.org_id = p_org
    ) c
    where c.hash <> c.computed
       or c.prev_hash is distinct from c.expected_prev
       or c.seq <> coalesce(c.prev_seq, 0) + 1
  $$;
revoke all on function app.audit_chain_break(uuid) from public;
grant execute on function app.audit_chain_break(uuid) to atum_runtime;

-- Row-level security: every table here is scoped to the org, or (for per-person 2FA) the user.
do $$
declare
  t text;
begin
  foreach t in array array['sessions', 'refresh_tokens', 'api_keys', 'invitations', 'password_resets', 'outbox', 'audit_log'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I using (org_id = app.current_org()) with check (org_id = app.current_org())', t || '_tenant', t);
  end loop;
  foreach t in array array['user_totp', 'user_recovery_codes'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I using (user_id = app.current_user_id()) with check (user_id = app.current_user_id())', t || '_self', t);
  end loop;
end
$$;

-- SECURITY DEFINER functions run as the schema owner, which FORCE RLS binds too when it is not a
-- superuser (as in production). These policies let that one role, and no other, see across
-- orgs where a function below must: users by email, and a person's sessions in every org.
do $$ begin
  execute format('create policy users_owner_definer on users to %I using (true) with check (true)', current_user);
  execute format('create policy sessions_owner_definer on sessions for select to %I using (true)', current_user);
  execute format('create policy sessions_owner_revoke on sessions for update to %I using (true) with check (true)', current_user);
end $$;

-- After a password reset or change: sign the person out of every org, not only this one.
create function app.revoke_all_sessions_of_current_user(p_reason text) returns integer
  language sql volatile security definer set search_path = ''
  as $$
    with revoked as (
      update public.sessions set revoked_at = pg_catalog.now(), revoked_reason = p_reason
      where user_id = app.current_user_id() and revoked_at is null returning 1)
    select pg_catalog.count(*)::integer from revoked
  $$;
revoke all on function app.revoke_all_sessions_of_current_user(text) from public;
grant execute on function app.revoke_all_sessions_of_current_user(text) to atum_runtime;

-- Accepting an invitation: the invited email may already have an account through another org,
-- which RLS hides from this org. Finds or creates the user and adds the membership, for a live
-- invitation of the current org only. A new account needs p_password_hash.
create function app.accept_invitation(p_token_hash bytea, p_password_hash text, p_name text)
  returns table (status text, user_id uuid, email text, role member_role)
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    inv record;
    uid uuid;
  begin
    select i.* into inv from public.invitations i
    where i.org_id = app.current_org() and i.token_hash = p_token_hash
      and i.accepted_at is null and i.revoked_at is null and i.expires_at > pg_catalog.now()
    for update;
    if not found then
      return query select 'invalid'::text, null::uuid, null::text, null::public.member_role;
      return;
    end if;
    select u.id into uid from public.users u where lower(u.email) = lower(inv.email);
    if uid is null then
      if p_password_hash is null then
        return query select 'password_required'::text, null::uuid, inv.email, inv.role;
        return;
      end if;
      insert into public.users (email, name, password_hash) values (inv.email, coalesce(p_name, ''), p_password_hash)
      returning id into uid;
    end if;
    if exists (select 1 from public.memberships m where m.org_id = inv.org_id and m.user_id = uid) then
      update public.invitations set accepted_at = pg_catalog.now() where org_id = inv.org_id and id = inv.id;
      return query select 'already_member'::text, uid, inv.email, inv.role;
      return;
    end if;
    insert into public.memberships (org_id, user_id, role) values (inv.org_id, uid, inv.role);
    update public.invitations set accepted_at = pg_catalog.now() where org_id = inv.org_id and id = inv.id;
    return query select 'accepted'::text, uid, inv.email, inv.role;
  end
  $$;
revoke all on function app.accept_invitation(bytea, text, text) from public;
grant execute on function app.accept_invitation(bytea, text, text) to atum_runtime;

-- For housekeeping that visits every org in turn (worker/prune-auth.ts); each visit then runs
-- under that org's own tenant context, so the job never sees two orgs at once.
create function app.org_ids() returns setof uuid
  language sql stable security definer set search_path = ''
  as $$ select id from public.organizations order by id $$;
revoke all on function app.org_ids() from public;
grant execute on function app.org_ids() to atum_runtime;

grant select, insert, update, delete on sessions, refresh_tokens, user_totp, user_recovery_codes, password_resets to atum_runtime;
grant select, insert, update on api_keys, invitations to atum_runtime;
grant select, insert on outbox to atum_runtime;
grant update (sent_at, attempts, last_error) on outbox to atum_runtime;
grant select, insert on audit_log to atum_runtime;
grant execute on function app.audit_row_hash(public.audit_log) to atum_runtime;
