-- An unforgeable tenant context (issue 14).
--
-- Until now the tenant was whatever the settings app.org_id, app.user_id and app.role said, and
-- the application role can call set_config: one SQL injection could name another org. Now:
--
--   1. A context is entered only through app.enter(proof, ...), SECURITY DEFINER. The proof is a
--      32-byte value the API and worker derive from APP_SECRET; the database keeps only its
--      SHA-256, registered by the migration runner (lib/db/entry-proof.ts). SQL never sees
--      APP_SECRET, so SQL alone cannot enter anything.
--   2. app.enter writes the whole context into one setting, app.context:
--        service|org|user|role|api key|client ip|backend pid|transaction start (µs since 1970)
--      and app.context_mac: SHA-256 of a 64-byte secret key (app.context_key, which only this
--      schema's owner can read) followed by that text. A key that fills SHA-256's first block
--      makes this a MAC; its one generic weakness, length extension, needs a forged text that
--      carries SHA-256's padding, whose zero bytes no PostgreSQL setting can hold. It is used
--      instead of HMAC because it is one hash per check, not two: the check runs in every
--      policy of every statement (the create bench in test/bench/RESULTS.md).
--   3. app.context_field(n), behind app.current_org(), current_user_id(), current_member_role(),
--      current_api_key_id() and current_client_ip(), checks the MAC, the pid and the transaction,
--      and returns NULL on any mismatch: a set_config by hand, or a context copied from another
--      transaction, matches no row.
--   4. The policies call them as (select app.current_org()), so PostgreSQL evaluates each once per
--      statement (an InitPlan) rather than once per row.
--   5. The functions that read across orgs answer only a context entered as `service` (the
--      worker's sweeps, the sign-in's slug lookup) or a session that is not the application's.
--
-- Sessions that are not the application role's (the schema owner running migrations and the
-- CLI, a DBA, a superuser) still set app.org_id, app.user_id, app.role by hand: RLS was never a
-- boundary for them.
--
-- app.context_field runs in every policy of every statement, so it is written for speed: one
-- PL/pgSQL function without a SET clause (a SET costs a GUC save and restore per call), every
-- name, type and operator schema-qualified instead, since it runs with the caller's search_path.

-- The key: four v4 UUIDs from gen_random_uuid(), which uses PostgreSQL's strong random source
-- (488 random bits), as one 64-byte block.
create table app.context_key (
  only_row boolean primary key default true check (only_row),
  key bytea not null check (length(key) = 64)
);
revoke all on app.context_key from public;
insert into app.context_key (key)
values (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- SHA-256 of each accepted entry proof. More than one may be live while APP_SECRET is rotated;
-- a DBA deletes the old row once no process uses the old secret.
create table app.entry_proofs (
  proof_hash bytea primary key check (length(proof_hash) = 32),
  registered_at timestamptz not null default now()
);
revoke all on app.entry_proofs from public;

-- This transaction, as the context names it: its start in microseconds since 1970, which a SET
-- TIME ZONE inside it does not change.
create function app.transaction_stamp() returns text
  language sql stable parallel restricted
  as $$ select (extract(epoch from pg_catalog.transaction_timestamp()) operator(pg_catalog.*) 1000000)::pg_catalog.int8::pg_catalog.text $$;

-- Never granted to the application role: it would be an oracle that signs whatever it is given.
-- PL/pgSQL rather than SQL: a SQL function that cannot be inlined is planned again on every call.
create function app.context_mac(p_context text) returns text
  language plpgsql stable parallel restricted security definer set search_path = ''
  as $$
  declare
    k record;
  begin
    select x.key into k from app.context_key x;
    return pg_catalog.encode(pg_catalog.sha256(k.key || pg_catalog.convert_to(p_context, 'UTF8')), 'hex');
  end
  $$;
revoke all on function app.context_mac(text) from public;

-- True for the application's login roles (members of atum_runtime), who must prove their context.
create function app.session_is_application() returns boolean
  language sql stable parallel restricted set search_path = ''
  as $$
    select pg_catalog.pg_has_role(session_user, 'atum_runtime', 'MEMBER')
           and not (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user)
  $$;
revoke all on function app.session_is_application() from public;

-- Field n of the verified context (1 service, 2 org, 3 user, 4 role, 5 API key, 6 client ip),
-- or NULL. Sessions that are not the application's read the hand-set settings instead.
create function app.context_field(p_field pg_catalog.int4) returns text
  language plpgsql stable parallel restricted security definer
  as $$
  declare
    c pg_catalog.text := pg_catalog.current_setting('app.context', true);
    k record;
  begin
    if c operator(pg_catalog.<>) '' then
      select x.key into k from app.context_key x;
      if pg_catalog.current_setting('app.context_mac', true) operator(pg_catalog.=)
           pg_catalog.encode(pg_catalog.sha256(k.key operator(pg_catalog.||) pg_catalog.convert_to(c, 'UTF8')), 'hex')
         and pg_catalog.split_part(c, '|', 7) operator(pg_catalog.=) pg_catalog.pg_backend_pid()::pg_catalog.text
         and pg_catalog.split_part(c, '|', 8) operator(pg_catalog.=) app.transaction_stamp() then
        return nullif(pg_catalog.split_part(c, '|', p_field), '');
      end if;
    end if;
    if app.session_is_application() then
      return null;
    end if;
    return nullif(pg_catalog.current_setting(case p_field when 1 then 'app.service' when 2 then 'app.org_id' when 3 then 'app.user_id'
      when 4 then 'app.role' when 5 then 'app.api_key_id' else 'app.client_ip' end, true), '');
  end
  $$;
-- Anyone may call it, as anyone could call the current_*() functions it stands behind: it hands
-- out only the caller's own context, and a DBA's role (not in atum_runtime) reads its hand-set one.
grant execute on function app.context_field(pg_catalog.int4) to public;

create function app.enter(p_proof bytea, p_service boolean, p_org uuid, p_user uuid, p_role text, p_api_key uuid, p_ip text) returns void
  language plpgsql volatile security definer set search_path = ''
  as $$
  declare
    c text;
  begin
    if p_proof is null or not exists (select 1 from app.entry_proofs e where e.proof_hash = pg_catalog.sha256(p_proof)) then
      raise exception 'app.enter: this entry proof is not registered'
        using errcode = '42501', hint = 'APP_SECRET differs from the one registered by `npm run atum -- migrate`: run it again with this APP_SECRET.';
    end if;
    -- Every field is typed (uuid, role, inet), so none can hold the '|' that separates them.
    c := pg_catalog.concat_ws('|', case when p_service then 'on' else '' end, coalesce(p_org::text, ''), coalesce(p_user::text, ''),
           coalesce(p_role::public.member_role::text, ''), coalesce(p_api_key::text, ''), coalesce(nullif(p_ip, '')::inet::text, ''),
           pg_catalog.pg_backend_pid()::text, app.transaction_stamp());
    perform pg_catalog.set_config('app.context', c, true), pg_catalog.set_config('app.context_mac', app.context_mac(c), true);
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

-- The context as the policies read it: plain SQL, so each inlines to its one context_field call.
create or replace function app.current_org() returns uuid
  language sql stable parallel restricted
  as $$ select app.context_field(2)::pg_catalog.uuid $$;
create or replace function app.current_user_id() returns uuid
  language sql stable parallel restricted
  as $$ select app.context_field(3)::pg_catalog.uuid $$;
create or replace function app.current_member_role() returns member_role
  language sql stable parallel restricted
  as $$ select app.context_field(4)::public.member_role $$;
create or replace function app.current_api_key_id() returns uuid
  language sql stable parallel restricted
  as $$ select app.context_field(5)::pg_catalog.uuid $$;
create or replace function app.current_client_ip() returns inet
  language sql stable parallel restricted
  as $$ select app.context_field(6)::pg_catalog.inet $$;
-- The queue role owns the enqueue functions below, which take the org from the context.
grant usage on schema app to atum_queue;
grant execute on function app.current_org(), app.current_user_id(), app.current_member_role(),
  app.current_api_key_id(), app.current_client_ip() to atum_queue;

-- The guard of every function that reads across orgs.
create function app.require_service(p_what text) returns void
  language plpgsql stable parallel restricted security definer set search_path = ''
  as $$
  begin
    if not app.session_is_application() or app.context_field(1) = 'on' then
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
      and p.proname not in ('context_field', 'current_org')
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
