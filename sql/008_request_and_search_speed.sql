-- Fewer round trips per request, a ticket number that does not serialise an org's creates, and
-- a full-text index per org. Measured in test/bench/RESULTS.md ("Tickets at 1,000,000").

-- Every signed-in request used to spend two round trips before its handler: one to set the
-- tenant, one to check that the credential still stands. These functions do both in one
-- statement. They are SECURITY INVOKER: the check runs under RLS with the tenant just set, as
-- the two statements did, and the settings stay transaction-local (set_config(..., true)).
create function app.enter_as_member(p_org uuid, p_user uuid, p_role text, p_session uuid, p_ip text)
  returns table (member_ok boolean, session_ok boolean, ip_ok boolean, mfa_setup boolean)
  language plpgsql volatile
  as $$
  #variable_conflict use_column
  begin
    perform set_config('app.org_id', p_org::text, true), set_config('app.user_id', p_user::text, true),
            set_config('app.role', p_role, true), set_config('app.client_ip', p_ip, true);
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

-- An API key acts with the agent role for RLS. The key's id goes into app.api_key_id, where the
-- audit triggers read the actor from.
create function app.enter_as_api_key(p_org uuid, p_token_hash bytea, p_ip text)
  returns table (id uuid, name text, permissions text[], ip_ok boolean, stale boolean)
  language plpgsql volatile
  as $$
  #variable_conflict use_column
  declare
    k record;
  begin
    perform set_config('app.org_id', p_org::text, true), set_config('app.user_id', '', true),
            set_config('app.role', 'agent', true), set_config('app.client_ip', p_ip, true);
    select a.id, a.name, a.permissions,
           cardinality(o.ip_allowlist) = 0 or p_ip::inet <<= any (o.ip_allowlist) as ip_ok,
           a.last_used_at is null or a.last_used_at < now() - interval '1 minute' as stale
      into k
      from public.api_keys a join public.organizations o on o.id = a.org_id
      where a.org_id = p_org and a.token_hash = p_token_hash and a.revoked_at is null
        and (a.expires_at is null or a.expires_at > now());
    if not found then return; end if;
    perform set_config('app.api_key_id', k.id::text, true);
    return query select k.id, k.name, k.permissions, k.ip_ok, k.stale;
  end
  $$;
revoke all on function app.enter_as_member(uuid, uuid, text, uuid, text), app.enter_as_api_key(uuid, bytea, text) from public;
grant execute on function app.enter_as_member(uuid, uuid, text, uuid, text), app.enter_as_api_key(uuid, bytea, text) to atum_runtime;

-- The next ticket number, taken in its own statement and committed before the create's
-- transaction opens, so the org's ticket_counters row is locked for one statement instead of
-- the whole create and its commit (which serialised every create in one org). A create that
-- fails afterwards leaves a gap; a number is never handed out twice, because the increment
-- commits first. It commits without waiting for the WAL flush: the ticket's own (synchronous)
-- commit flushes the WAL past this record, so a crash can only lose an increment whose number
-- no ticket carries. The caller is checked as for any request, and nothing is taken for a
-- caller who would be refused, so a stale token or a made-up API key cannot burn numbers.
create function app.take_ticket_number(p_org uuid, p_user uuid, p_role text, p_session uuid, p_token_hash bytea, p_ip text)
  returns bigint
  language plpgsql volatile
  as $$
  declare
    ok boolean;
  begin
    if p_token_hash is null then
      select e.member_ok and e.session_ok and e.ip_ok and not e.mfa_setup into ok
        from app.enter_as_member(p_org, p_user, p_role, p_session, p_ip) e;
    else
      select e.ip_ok and 'tickets.create' = any (e.permissions) into ok
        from app.enter_as_api_key(p_org, p_token_hash, p_ip) e;
    end if;
    if not coalesce(ok, false) then return null; end if;
    perform set_config('synchronous_commit', 'off', true);
    return app.next_ticket_number(p_org);
  end
  $$;
revoke all on function app.take_ticket_number(uuid, uuid, text, uuid, bytea, text) from public;
grant execute on function app.take_ticket_number(uuid, uuid, text, uuid, bytea, text) to atum_runtime;

-- PL/pgSQL caches the insert's plan per session; the SQL function it replaces was planned
-- again on every audit row (0.06–0.17 ms per create in the bench). Same signature and effect.
create or replace function app.audit_row(p_org uuid, p_action text, p_target_type text, p_target_id text, p_details jsonb) returns void
  language plpgsql volatile
  as $$
  begin
    insert into public.audit_log (org_id, actor_user_id, actor_api_key_id, actor_ip, action, target_type, target_id, details)
    values (p_org, app.current_user_id(), app.current_api_key_id(), app.current_client_ip(), p_action, p_target_type, p_target_id, p_details);
  end
  $$;

-- Every search is scoped to one org by RLS, so the single-column index was always ANDed with a
-- bitmap of the whole org, after collecting the matches of every org. With org_id in the index,
-- one scan returns this org's matches only. btree_gin is a trusted extension: the database
-- owner may create it without superuser rights.
create extension if not exists btree_gin;
drop index tickets_search_idx;
create index tickets_search_idx on tickets using gin (org_id, search);
