-- An unforgeable tenant context (issue 14).
--
-- Until now the tenant was whatever the settings app.org_id, app.user_id and app.role said, and
-- the application role can call set_config: one SQL injection could name another org. Now:
--
--   1. A context is entered only through app.enter(proof, ...), SECURITY DEFINER. The proof is a
--      32-byte value the API and worker derive from APP_SECRET; the database keeps only its
--      SHA-256, registered by the migration runner (lib/db/entry-proof.ts). SQL never sees
--      APP_SECRET, so SQL alone cannot enter anything.
--   2. app.enter sets the settings and app.context_mac: an HMAC-SHA256 over every setting, the
--      backend's pid and the transaction's start, keyed by app.context_key, which only this
--      schema's owner can read.
--   3. app.current_org(), current_user_id(), current_member_role(), current_api_key_id() and
--      current_client_ip() check the MAC and return NULL on any mismatch, so a set_config by
--      hand, or a MAC copied from another transaction, yields a context that matches no row.
--   4. The policies call them as (select app.current_org()), so PostgreSQL evaluates each once per
--      statement (an InitPlan) rather than once per row.
--   5. The functions that read across orgs answer only a context entered as `service` (the
--      worker's sweeps, the sign-in's slug lookup) or a session that is not the application's.
--
-- Sessions that are not the application role's (the schema owner running migrations and the
-- CLI, a DBA, a superuser) still set the settings by hand: RLS was never a boundary for them.

-- The key is four v4 UUIDs from gen_random_uuid(), which uses PostgreSQL's strong random source
-- (488 random bits), as one 64-byte block; kept as the two HMAC pads so that a MAC is two
-- built-in sha256() calls and needs no extension.
create table app.context_key (
  only_row boolean primary key default true check (only_row),
  inner_pad bytea not null check (length(inner_pad) = 64),
  outer_pad bytea not null check (length(outer_pad) = 64)
);
revoke all on app.context_key from public;

do $$
declare
  k bytea := decode(replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');
  i bytea := k;
  o bytea := k;
begin
  for n in 0 .. 63 loop
    i := set_byte(i, n, get_byte(k, n) # 54);  -- 0x36
    o := set_byte(o, n, get_byte(k, n) # 92);  -- 0x5c
  end loop;
  insert into app.context_key (inner_pad, outer_pad) values (i, o);
end
$$;

-- SHA-256 of each accepted entry proof. More than one may be live while APP_SECRET is rotated;
-- a DBA deletes the old row once no process uses the old secret.
create table app.entry_proofs (
  proof_hash bytea primary key check (length(proof_hash) = 32),
  registered_at timestamptz not null default now()
);
revoke all on app.entry_proofs from public;

-- What the MAC covers: every context setting, this backend and this transaction. The instant is
-- an epoch number, so a SET TIME ZONE inside the transaction does not change it.
create function app.context_message() returns bytea
  language sql stable parallel restricted set search_path = ''
  as $$
    select pg_catalog.convert_to(pg_catalog.json_build_array(
      coalesce(pg_catalog.current_setting('app.service', true), ''),
      coalesce(pg_catalog.current_setting('app.org_id', true), ''),
      coalesce(pg_catalog.current_setting('app.user_id', true), ''),
      coalesce(pg_catalog.current_setting('app.role', true), ''),
      coalesce(pg_catalog.current_setting('app.api_key_id', true), ''),
      coalesce(pg_catalog.current_setting('app.client_ip', true), ''),
      pg_catalog.pg_backend_pid(),
      extract(epoch from pg_catalog.transaction_timestamp()))::text, 'UTF8')
  $$;

-- Never granted to the application role: it would be an oracle that signs whatever it has set.
create function app.context_mac() returns text
  language sql stable parallel restricted security definer set search_path = ''
  as $$
    select pg_catalog.encode(pg_catalog.sha256(k.outer_pad || pg_catalog.sha256(k.inner_pad || app.context_message())), 'hex')
    from app.context_key k
  $$;
revoke all on function app.context_message(), app.context_mac() from public;

-- True for the application's login roles (members of atum_runtime), who must prove their context.
create function app.session_is_application() returns boolean
  language sql stable parallel restricted set search_path = ''
  as $$
    select pg_catalog.pg_has_role(session_user, 'atum_runtime', 'MEMBER')
           and not (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user)
  $$;

create function app.context_trusted() returns boolean
  language plpgsql stable parallel restricted security definer set search_path = ''
  as $$
  begin
    if pg_catalog.current_setting('app.context_mac', true) = app.context_mac() then
      return true;
    end if;
    return not app.session_is_application();
  end
  $$;
revoke all on function app.session_is_application(), app.context_trusted() from public;

create function app.enter(p_proof bytea, p_service boolean, p_org uuid, p_user uuid, p_role text, p_api_key uuid, p_ip text) returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
  begin
    if p_proof is null or not exists (select 1 from app.entry_proofs e where e.proof_hash = pg_catalog.sha256(p_proof)) then
      raise exception 'app.enter: this entry proof is not registered'
        using errcode = '42501', hint = 'APP_SECRET differs from the one registered by `npm run atum -- migrate`: run it again with this APP_SECRET.';
    end if;
    perform pg_catalog.set_config('app.service', case when p_service then 'on' else '' end, true),
            pg_catalog.set_config('app.org_id', coalesce(p_org::text, ''), true),
            pg_catalog.set_config('app.user_id', coalesce(p_user::text, ''), true),
            pg_catalog.set_config('app.role', coalesce(p_role::public.member_role::text, ''), true),
            pg_catalog.set_config('app.api_key_id', coalesce(p_api_key::text, ''), true),
            pg_catalog.set_config('app.client_ip', coalesce(nullif(p_ip, '')::inet::text, ''), true);
    perform pg_catalog.set_config('app.context_mac', app.context_mac(), true);
  end
  $$;
revoke all on function app.enter(bytea, boolean, uuid, uuid, text, uuid, text) from public;
grant execute on function app.enter(bytea, boolean, uuid, uuid, text, uuid, text) to atum_runtime;

-- Lets a process check at start that its APP_SECRET is registered, and say so plainly if not.
create function app.entry_proof_registered(p_proof bytea) returns boolean
  language sql stable security definer set search_path = ''
  as $$ select exists (select 1 from app.entry_proofs e where e.proof_hash = pg_catalog.sha256(p_proof)) $$;
revoke all on function app.entry_proof_registered(bytea) from public;
grant execute on function app.entry_proof_registered(bytea) to atum_runtime;

-- The context as the policies read it: verified, else NULL (which matches no row).
create or replace function app.current_org() returns uuid
  language sql stable parallel restricted security definer set search_path = ''
  as $$ select nullif(pg_catalog.current_setting('app.org_id', true), '')::uuid where app.context_trusted() $$;
create or replace function app.current_user_id() returns uuid
  language sql stable parallel restricted security definer set search_path = ''
  as $$ select nullif(pg_catalog.current_setting('app.user_id', true), '')::uuid where app.context_trusted() $$;
create or replace function app.current_member_role() returns member_role
  language sql stable parallel restricted security definer set search_path = ''
  as $$ select nullif(pg_catalog.current_setting('app.role', true), '')::public.member_role where app.context_trusted() $$;
create or replace function app.current_api_key_id() returns uuid
  language sql stable parallel restricted security definer set search_path = ''
  as $$ select nullif(pg_catalog.current_setting('app.api_key_id', true), '')::uuid where app.context_trusted() $$;
create or replace function app.current_client_ip() returns inet
  language sql stable parallel restricted security definer set search_path = ''
  as $$ select nullif(pg_catalog.current_setting('app.client_ip', true), '')::inet where app.context_trusted() $$;
-- The queue role owns the enqueue functions below, which take the org from the context.
grant usage on schema app to atum_queue;
grant execute on function app.current_org(), app.current_user_id(), app.current_member_role(),
  app.current_api_key_id(), app.current_client_ip() to atum_queue;

-- The guard of every function that reads across orgs.
create function app.require_service(p_what text) returns void
  language plpgsql stable parallel restricted security definer set search_path = ''
  as $$
  begin
    if not app.session_is_application() then return; end if;
    if pg_catalog.current_setting('app.service', true) = 'on'
       and pg_catalog.current_setting('app.context_mac', true) = app.context_mac() then
      return;
    end if;
    raise exception '%: only ATUM DESK''s own service context may read across organizations', p_what using errcode = '42501';
  end
  $$;
revoke all on function app.require_service(text) from public;

-- The entry points of requests (sql/008), now through app.enter and its proof.
drop function app.take_ticket_number(uuid, uuid, text, uuid, bytea, text);
drop function app.enter_as_member(uuid, uuid, text, uuid, text);
drop function app.enter_as_api_key(uuid, bytea, text);

create function app.enter_as_member(p_proof bytea, p_org uuid, p_user uuid, p_role text, p_session uuid, p_ip text)
  returns table (member_ok boolean, session_ok boolean, ip_ok boolean, mfa_setup boolean)
  language plpgsql volatile
  as $$
  #variable_conflict use_column
  begin
    perform app.enter(p_proof, false, p_org, p_user, p_role, null, p_ip);
    return query
      select m.role::text = p_role and m.disabled_at is null,
             p_session is null or exists (
               select 1 from public.sessions s where s.id = p_session and s.user_id = m.user_id
                 and s.revoked_at is null and s.expires_at > now()),
             cardinality(o.ip_allowlist) = 0 or p_ip::inet <<= any (o.ip_allowlist),
             o.require_2fa and not exists (
               select 1 from public.user_totp t where t.user_id = m.user_id and t.confirmed_at is not null)
      from public.memberships m join public.organizations o on o.id = m.org_id
      where m.org_id = p_org and m.user_id = p_user;
  end
  $$;

-- An API key acts with the agent role for RLS; its id goes into the context for the audit triggers.
create function app.enter_as_api_key(p_proof bytea, p_org uuid, p_token_hash bytea, p_ip text)
  returns table (id uuid, name text, permissions text[], ip_ok boolean, stale boolean)
  language plpgsql volatile
  as $$
  #variable_conflict use_column
  declare
    k record;
  begin
    perform app.enter(p_proof, false, p_org, null, 'agent', null, p_ip);
    select a.id, a.name, a.permissions,
           cardinality(o.ip_allowlist) = 0 or p_ip::inet <<= any (o.ip_allowlist) as ip_ok,
           a.last_used_at is null or a.last_used_at < now() - interval '1 minute' as stale
      into k
      from public.api_keys a join public.organizations o on o.id = a.org_id
      where a.org_id = p_org and a.token_hash = p_token_hash and a.revoked_at is null
        and (a.expires_at is null or a.expires_at > now());
    if not found then return; end if;
    perform app.enter(p_proof, false, p_org, null, 'agent', k.id, p_ip);
    return query select k.id, k.name, k.permissions, k.ip_ok, k.stale;
  end
  $$;
revoke all on function app.enter_as_member(bytea, uuid, uuid, text, uuid, text), app.enter_as_api_key(bytea, uuid, bytea, text) from public;
grant execute on function app.enter_as_member(bytea, uuid, uuid, text, uuid, text), app.enter_as_api_key(bytea, uuid, bytea, text) to atum_runtime;

-- As in sql/008: the number commits on its own, for a caller who would be let in.
create function app.take_ticket_number(p_proof bytea, p_org uuid, p_user uuid, p_role text, p_session uuid, p_token_hash bytea, p_ip text)
  returns bigint
  language plpgsql volatile
  as $$
  declare
    ok boolean;
  begin
    if p_token_hash is null then
      select e.member_ok and e.session_ok and e.ip_ok and not e.mfa_setup into ok
        from app.enter_as_member(p_proof, p_org, p_user, p_role, p_session, p_ip) e;
    else
      select e.ip_ok and 'tickets.create' = any (e.permissions) into ok
        from app.enter_as_api_key(p_proof, p_org, p_token_hash, p_ip) e;
    end if;
    if not coalesce(ok, false) then return null; end if;
    perform set_config('synchronous_commit', 'off', true);
    return app.next_ticket_number(p_org);
  end
  $$;
revoke all on function app.take_ticket_number(bytea, uuid, uuid, text, uuid, bytea, text) from public;
grant execute on function app.take_ticket_number(bytea, uuid, uuid, text, uuid, bytea, text) to atum_runtime;

-- Cross-org readers: the same answers, to the service context only.
create or replace function app.org_ids() returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
  begin
    perform app.require_service('app.org_ids');
    return query select id from public.organizations order by id;
  end
  $$;

create or replace function app.org_id_by_slug(p_slug text) returns uuid
  language plpgsql stable security definer set search_path = ''
  as $$
  begin
    perform app.require_service('app.org_id_by_slug');
    return (select id from public.organizations where slug = lower(p_slug));
  end
  $$;

create or replace function app.sla_missed(p_grace interval, p_limit integer) returns table (org_id uuid, ticket_number bigint)
  language plpgsql stable security definer set search_path = ''
  as $$
  begin
    perform app.require_service('app.sla_missed');
    return query select distinct x.org_id, x.ticket_number from (
      (select t.org_id, t.ticket_number from public.ticket_sla_targets t
       where t.status = 'running' and t.due_at <= pg_catalog.now() - p_grace order by t.due_at limit p_limit)
      union all
      (select t.org_id, t.ticket_number from public.ticket_sla_targets t
       where t.status = 'running' and t.warned_at is null and t.warn_at <= pg_catalog.now() - p_grace order by t.warn_at limit p_limit)
    ) x;
  end
  $$;

create or replace function app.mail_due_mailboxes() returns table (org_id uuid, id uuid)
  language plpgsql stable security definer set search_path = ''
  as $$
  begin
    perform app.require_service('app.mail_due_mailboxes');
    return query select m.org_id, m.id from public.mailboxes m
      where m.enabled and m.imap_host is not null and m.next_try_at <= pg_catalog.now()
      order by m.next_try_at;
  end
  $$;

create or replace function app.mailbox_failures() returns table (org_id uuid, id uuid, name text, last_error text, failing_since timestamptz, next_try_at timestamptz)
  language plpgsql stable security definer set search_path = ''
  as $$
  begin
    perform app.require_service('app.mailbox_failures');
    return query select m.org_id, m.id, m.name, m.last_error, m.failing_since, m.next_try_at from public.mailboxes m
      where m.enabled and m.status = 'failing' order by m.failing_since;
  end
  $$;

create or replace function app.mail_outbox_attention(p_stuck_after interval) returns setof uuid
  language plpgsql stable security definer set search_path = ''
  as $$
  begin
    perform app.require_service('app.mail_outbox_attention');
    return query select distinct o.org_id from public.outbox o
      where (o.state = 'queued' and o.next_attempt_at < pg_catalog.now() - interval '5 minutes')
         or (o.state = 'sending' and o.sending_since < pg_catalog.now() - p_stuck_after);
  end
  $$;

-- The audit chain of the caller's own org, or of any org for the service context and the CLI.
create or replace function app.audit_chain_break(p_org uuid) returns bigint
  language plpgsql stable security definer set search_path = ''
  as $$
  begin
    if p_org is distinct from app.current_org() then
      perform app.require_service('app.audit_chain_break');
    end if;
    return (
      select min(c.seq) from (
        select a.seq, a.hash, a.prev_hash, app.audit_row_hash(a) as computed,
               pg_catalog.lag(a.hash) over (order by a.seq) as expected_prev,
               pg_catalog.lag(a.seq) over (order by a.seq) as prev_seq
        from public.audit_log a where a.org_id = p_org
      ) c
      where c.hash <> c.computed
         or c.prev_hash is distinct from c.expected_prev
         or c.seq <> coalesce(c.prev_seq, 0) + 1);
  end
  $$;

-- The enqueue functions (owned by the queue role) and the dead-job count took the org straight
-- from the setting; they now take it from the verified context. Rewritten from their own
-- definitions, so their bodies stay as their migrations wrote them; the catalog test checks
-- that no function outside the context's own reads app.org_id directly any more.
do $$
declare
  f record;
begin
  for f in
    select p.oid from pg_catalog.pg_proc p
    where p.pronamespace = 'app'::regnamespace
      and p.prosrc like '%current_setting(''app.org_id''%'
      and p.proname not in ('context_message', 'current_org')
  loop
    execute replace(pg_catalog.pg_get_functiondef(f.oid), 'pg_catalog.current_setting(''app.org_id'', true)', 'app.current_org()::text');
  end loop;
end
$$;

-- Every policy reads the context through (select ...), so the verification runs once per
-- statement as an InitPlan, and the planner still uses org_id indexes with its value.
do $$
declare
  p record;
  wrap constant text := '(?<!SELECT )(app\.(current_org|current_user_id|current_member_role|current_api_key_id)\(\))';
  q text;
  c text;
begin
  for p in select schemaname, tablename, policyname, qual, with_check from pg_catalog.pg_policies loop
    q := regexp_replace(p.qual, wrap, '(SELECT \1)', 'g');
    c := regexp_replace(p.with_check, wrap, '(SELECT \1)', 'g');
    if q is distinct from p.qual then
      execute format('alter policy %I on %I.%I using (%s)', p.policyname, p.schemaname, p.tablename, q);
    end if;
    if c is distinct from p.with_check then
      execute format('alter policy %I on %I.%I with check (%s)', p.policyname, p.schemaname, p.tablename, c);
    end if;
  end loop;
end
$$;

-- The health check's count of failing mailboxes: a number of the installation, no org's data,
-- so it needs no context (the names and errors stay behind app.mailbox_failures).
create function app.failing_mailbox_count() returns integer
  language sql stable security definer set search_path = ''
  as $$ select pg_catalog.count(*)::integer from public.mailboxes m where m.enabled and m.status = 'failing' $$;
revoke all on function app.failing_mailbox_count() from public;
grant execute on function app.failing_mailbox_count() to atum_runtime;
