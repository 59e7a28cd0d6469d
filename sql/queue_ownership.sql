-- Re-applied after every graphile-worker migration (see lib/db/migrate.ts), so objects that a
-- newer graphile-worker adds are covered too.
--
-- graphile-worker enables row-level security on its tables without policies and relies on
-- its connection being the owner. So the atum_queue group owns the graphile_worker schema and
-- everything in it; the worker's login role is a member, and owns nothing else.
do $$
declare
  obj record;
begin
  -- A non-superuser owner role may only give objects to a role it can become.
  if not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant atum_queue to %I', current_user);
  end if;
  execute 'alter schema graphile_worker owner to atum_queue';
  for obj in
    select format('alter %s graphile_worker.%I owner to atum_queue',
                  case c.relkind when 'v' then 'view' else 'table' end, c.relname) as ddl
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'graphile_worker' and c.relkind in ('r', 'p', 'v')
  loop
    execute obj.ddl;
  end loop;
  for obj in
    select format('alter %s %s owner to atum_queue', case p.prokind when 'p' then 'procedure' else 'function' end, p.oid::regprocedure) as ddl
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'graphile_worker'
  loop
    execute obj.ddl;
  end loop;
  for obj in
    select format('alter type graphile_worker.%I owner to atum_queue', t.typname) as ddl
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = 'graphile_worker' and t.typtype in ('c', 'e', 'd') and t.typrelid = 0
  loop
    execute obj.ddl;
  end loop;
end
$$;
