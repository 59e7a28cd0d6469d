-- Group roles. Privileges are granted to these, never to a login role, so that the login
-- roles' names can come from configuration (DATABASE_URL, WORKER_DATABASE_URL): the migration
-- runner makes each login role a member of its group.
--   atum_runtime: what the API and the worker's tasks may do with tenant data (through RLS).
--   atum_queue:   what graphile-worker's own connection may do in the graphile_worker schema.
-- Roles are cluster-wide, so another database on the same server may have created them already.
do $$
begin
  begin
    create role atum_runtime nologin;
  exception when duplicate_object then null;
  end;
  begin
    create role atum_queue nologin;
  exception when duplicate_object then null;
  end;
end
$$;

create schema if not exists app;
revoke all on schema app from public;
grant usage on schema app to atum_runtime;
revoke create on schema public from public;

create type member_role as enum ('customer', 'agent', 'lead', 'admin', 'owner');

-- The tenant context, set per transaction by lib/db/tenant.ts with set_config(..., true).
-- An unset or empty setting reads as NULL, and NULL matches no row in any policy.
create function app.current_org() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.org_id', true), '')::uuid $$;

create function app.current_user_id() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;

create function app.current_member_role() returns member_role
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.role', true), '')::member_role $$;

grant execute on function app.current_org(), app.current_user_id(), app.current_member_role() to atum_runtime;
