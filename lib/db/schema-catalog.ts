import type { Sql, TransactionSql } from './pool.ts';

/** Who holds which privileges on one object (or one column), privileges sorted. */
export interface Grant {
  object: string;
  column: string | null;
  grantee: string;
  privileges: string[];
}

export interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'partitioned table' | 'view' | 'materialized view';
  owner: string;
  rls: boolean;
  forced: boolean;
  options: string[];
  definition: string | null;
}

interface Column {
  object: string;
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  generated: string;
  identity: string;
}

/** A named piece of a relation: a constraint, an index or a trigger, with its definition. */
export interface Part {
  object: string;
  name: string;
  definition: string;
}

export interface Policy {
  object: string;
  name: string;
  command: string;
  permissive: boolean;
  roles: string[];
  using: string | null;
  check: string | null;
}

export interface Fn {
  schema: string;
  name: string;
  arguments: string;
  identity: string;
  result: string;
  kind: string;
  language: string;
  securityDefiner: boolean;
  volatility: string;
  config: string[];
  owner: string;
  /** Who may EXECUTE it besides its owner (functions have no other privilege). */
  executors: string[];
  /** Never granted or revoked: PUBLIC may execute it. */
  defaultAcl: boolean;
}

export interface Catalog {
  serverMajor: number;
  migrationOwner: string;
  schemas: { name: string; owner: string }[];
  extensions: string[];
  enums: { object: string; labels: string[] }[];
  relations: Relation[];
  columns: Column[];
  constraints: Part[];
  indexes: Part[];
  triggers: Part[];
  policies: Policy[];
  grants: Grant[];
  functions: Fn[];
}

/**
 * Everything in the schemas the migrations own, in a fixed order. graphile-worker's own schema
 * is left out: its migrations, not ours, make it (sql/queue_ownership.sql only changes owners).
 * Objects that belong to an extension are left out too.
 */
export async function readCatalog(sql: Sql): Promise<Catalog> {
  return sql.begin(async (tx) => {
    // pg_get_expr and format_type qualify names by the search_path: fix it, so output is stable.
    await tx`set local search_path = public`;
    return readIn(tx);
  });
}

const OWNED = `n.nspname not like 'pg\\_%' and n.nspname not in ('information_schema', 'graphile_worker')`;
const NOT_EXTENSION = (catalog: string, oid: string) => `not exists (select 1 from pg_depend d where d.classid = '${catalog}'::regclass and d.objid = ${oid} and d.deptype = 'e')`;
const GRANTEE = `case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end`;

async function readIn(tx: TransactionSql): Promise<Catalog> {
  const [server = { major: 0, owner: '' }] = await tx.unsafe<{ major: number; owner: string }[]>(`select current_setting('server_version_num')::int / 10000 as major, current_user::text as owner`);
  const q = <T>(text: string) => tx.unsafe<T[]>(text) as unknown as Promise<T[]>;
  const rel = `c.relkind in ('r', 'p', 'v', 'm') and ${OWNED} and ${NOT_EXTENSION('pg_class', 'c.oid')}`;
  const object = `format('%s.%s', n.nspname, c.relname)`;
  return {
    serverMajor: server.major,
    migrationOwner: server.owner,
    schemas: await q(`select n.nspname as name, pg_get_userbyid(n.nspowner) as owner from pg_namespace n where ${OWNED} order by 1`),
    extensions: (await q<{ name: string }>(`select extname as name from pg_extension where extname <> 'plpgsql' order by 1`)).map((r) => r.name),
    enums: await q(`select format('%s.%s', n.nspname, t.typname) as object, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
      from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
      where ${OWNED} group by 1 order by 1`),
    relations: await q(`select n.nspname as schema, c.relname as name,
        case c.relkind when 'r' then 'table' when 'p' then 'partitioned table' when 'v' then 'view' else 'materialized view' end as kind,
        pg_get_userbyid(c.relowner) as owner, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        coalesce(c.reloptions, '{}') as options, case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid, true) end as definition
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${rel} order by 1, 2`),
    columns: await q(`select ${object} as object, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
        a.attnotnull as "notNull", pg_get_expr(d.adbin, d.adrelid) as default, a.attgenerated as generated, a.attidentity as identity
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attnum > 0 and not a.attisdropped and ${rel} order by 1, a.attnum`),
    constraints: await q(`select ${object} as object, k.conname as name, pg_get_constraintdef(k.oid, true) as definition
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      where k.contype <> 't' and ${OWNED} order by 1, 2`),
    indexes: await q(`select ${object} as object, i.relname as name, pg_get_indexdef(x.indexrelid) as definition
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid join pg_namespace n on n.oid = c.relnamespace
      where ${OWNED} and not exists (select 1 from pg_constraint k where k.conrelid = x.indrelid and k.conindid = x.indexrelid and k.contype in ('p', 'u', 'x'))
      order by 1, 2`),
    triggers: await q(`select ${object} as object, t.tgname as name,
        pg_get_triggerdef(t.oid, true) || case t.tgenabled when 'D' then ' (DISABLED)' else '' end as definition
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where not t.tgisinternal and ${OWNED} order by 1, 2`),
    policies: await q(`select ${object} as object, p.polname as name,
        case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE' else 'ALL' end as command,
        p.polpermissive as permissive,
        array(select case when r = 0 then 'PUBLIC' else pg_get_userbyid(r) end from unnest(p.polroles) r order by 1) as roles,
        pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as check
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
      where ${OWNED} order by 1, 2`),
    grants: await q(`select * from (
        select ${object} as object, null::text as column, ${GRANTEE} as grantee, array_agg(a.privilege_type::text order by a.privilege_type) as privileges
        from pg_class c join pg_namespace n on n.oid = c.relnamespace cross join lateral aclexplode(c.relacl) a
        where ${rel} and a.grantee <> c.relowner group by 1, 2, 3
        union all
        select ${object}, t.attname, ${GRANTEE}, array_agg(a.privilege_type::text order by a.privilege_type)
        from pg_attribute t join pg_class c on c.oid = t.attrelid join pg_namespace n on n.oid = c.relnamespace
          cross join lateral aclexplode(t.attacl) a
        where t.attnum > 0 and not t.attisdropped and ${rel} and a.grantee <> c.relowner group by 1, 2, 3
        union all
        select n.nspname, null, ${GRANTEE}, array_agg(a.privilege_type::text order by a.privilege_type)
        from pg_namespace n cross join lateral aclexplode(n.nspacl) a where ${OWNED} and a.grantee <> n.nspowner group by 1, 2, 3
      ) g order by 1, 2 nulls first, 3`),
    functions: await q(`select n.nspname as schema, p.proname as name, pg_get_function_arguments(p.oid) as arguments,
        pg_get_function_identity_arguments(p.oid) as identity, coalesce(pg_get_function_result(p.oid), '') as result,
        case p.prokind when 'f' then 'function' when 'p' then 'procedure' when 'a' then 'aggregate' else 'window' end as kind,
        l.lanname as language, p.prosecdef as "securityDefiner",
        case p.provolatile when 'i' then 'IMMUTABLE' when 's' then 'STABLE' else 'VOLATILE' end as volatility,
        coalesce(p.proconfig, '{}') as config, pg_get_userbyid(p.proowner) as owner,
        (select coalesce(array_agg(g order by g), '{}') from (select ${GRANTEE} as g from aclexplode(p.proacl) a where a.grantee <> p.proowner) s) as executors,
        p.proacl is null as "defaultAcl"
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
      where ${OWNED} and ${NOT_EXTENSION('pg_proc', 'p.oid')} order by 1, 2, 4`),
  };
}
