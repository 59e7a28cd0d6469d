import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { assertSafeRuntimeRole, UnsafeRoleError } from '#lib/db/role-check.ts';
import { useTestApp } from './helpers/app.ts';

const t = useTestApp();

/** Tables that hold no tenant data, each with the reason. Anything else must be under RLS. */
const GLOBAL_TABLES: Record<string, string> = {
  'public.permissions': 'the list of permission names, the same for every org',
  'public.role_permissions': 'which role holds which permission, the same for every org',
  'app.schema_migrations': 'which migrations ran',
  'app.worker_heartbeat': 'when a worker last beat',
  'app.context_key': 'the key of the tenant-context MAC (sql/022); no grant to any runtime role',
  'app.entry_proofs': 'hashes of the accepted entry proofs (sql/022); no grant to any runtime role',
};

/** The one function that reads the tenant context's settings, and checks their MAC (sql/022). */
const CONTEXT_FUNCTIONS = ['context_field'];

describe('the catalog', () => {
  it('has RLS enabled, forced and at least one policy on every table with org_id', async () => {
    const rows = await t.owner<{ table: string; enabled: boolean; forced: boolean; policies: number }[]>`
      select format('%I.%I', n.nspname, c.relname) as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)`;
    expect(rows.length).toBeGreaterThan(0);
    const unsafe = rows.filter((r) => !r.enabled || !r.forced || r.policies === 0);
    expect(unsafe).toEqual([]);
  });

  it('has RLS on every other table too, unless it is a declared global table', async () => {
    const rows = await t.owner<{ table: string; enabled: boolean; forced: boolean }[]>`
      select format('%s.%s', n.nspname, c.relname) as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker')`;
    const undeclared = rows.filter((r) => !(r.table in GLOBAL_TABLES) && !(r.enabled && r.forced)).map((r) => r.table);
    expect(undeclared).toEqual([]);
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['public.organizations', 'public.users', 'public.memberships']));
  });

  it('runs the application role as no superuser, without BYPASSRLS, owning no table', async () => {
    const [role] = await t.owner<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }[]>`
      select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'atum_app'`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: true });
    const owned = await t.owner`
      select c.relname from pg_class c
      where pg_has_role('atum_app', c.relowner, 'USAGE') and c.relkind in ('r', 'p', 'v', 'm', 'S')
        and c.relnamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)`;
    expect(owned.map((r) => r.relname)).toEqual([]);
    await expect(assertSafeRuntimeRole(t.deps.unscoped, 'DATABASE_URL')).resolves.toBeUndefined();
  });

  it('gives the queue role the graphile_worker schema and nothing of the tenant tables', async () => {
    const [q] = await t.owner<{ owner: string; tenant: boolean }[]>`
      select pg_get_userbyid(nspowner) as owner,
             has_table_privilege('atum_worker', 'public.memberships', 'select') as tenant
      from pg_namespace where nspname = 'graphile_worker'`;
    expect(q).toEqual({ owner: 'atum_queue', tenant: false });
    const [app] = await t.owner<{ queue: boolean }[]>`select has_schema_privilege('atum_app', 'graphile_worker', 'usage') as queue`;
    expect(app!.queue).toBe(false);
  });

  it('refuses to run as a superuser, a BYPASSRLS role or a table owner, and says why', async () => {
    await expect(assertSafeRuntimeRole(t.owner, 'DATABASE_URL')).rejects.toThrow(/DATABASE_URL connects as \w+, a superuser, which ignores row-level security/);

    const bypass = `${t.db.name}_bypass`;
    const tableOwner = `${t.db.name}_owner`;
    await t.owner.unsafe(`create role ${bypass} login bypassrls password 'atum-test'`);
    await t.owner.unsafe(`create role ${tableOwner} login password 'atum-test'`);
    await t.owner.unsafe(`grant usage on schema app to ${tableOwner}; create table app.stray (id int); alter table app.stray owner to ${tableOwner}`);
    const as = (role: string) => {
      const u = new URL(t.db.appUrl);
      u.username = role;
      return postgres(u.toString(), { max: 1, onnotice: () => {} });
    };
    for (const [role, message] of [
      [bypass, /has BYPASSRLS and would see every tenant's rows/],
      [tableOwner, /owns table stray and could switch its row-level security off/],
    ] as const) {
      const sql = as(role);
      try {
        const err = await assertSafeRuntimeRole(sql, 'DATABASE_URL').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnsafeRoleError);
        expect((err as Error).message).toMatch(message);
      } finally {
        await sql.end();
      }
    }
    await t.owner.unsafe(`drop table app.stray; drop owned by ${tableOwner}, ${bypass}; drop role ${tableOwner}; drop role ${bypass}`);
  });

  it('reads the tenant context in every policy through (select app.current_…()), so it is checked once per statement', async () => {
    const policies = await t.owner<{ policy: string; expr: string }[]>`
      select format('%I on %I.%I', policyname, schemaname, tablename) as policy, concat_ws(' / ', qual, with_check) as expr from pg_policies`;
    expect(policies.length).toBeGreaterThan(30);
    const unwrapped = policies.filter((p) => /(?<!SELECT )app\.current_(org|user_id|member_role|api_key_id)\(\)/.test(p.expr)).map((p) => p.policy);
    expect(unwrapped).toEqual([]);
  });

  it("lets no function but the context's own read the context settings directly", async () => {
    const readers = await t.owner<{ name: string }[]>`
      select p.proname as name from pg_proc p
      where p.pronamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
        and p.prosrc ~ 'current_setting[(]''app[.]' order by 1`;
    expect(readers.map((r) => r.name).filter((n) => !CONTEXT_FUNCTIONS.includes(n))).toEqual([]);
  });

  it('gives the application role no way to the MAC key: no table grant, no MAC function', async () => {
    const [rights] = await t.owner<{ key: boolean; proofs: boolean; mac: boolean; enter: boolean }[]>`
      select has_table_privilege('atum_app', 'app.context_key', 'select') as key,
             has_table_privilege('atum_app', 'app.entry_proofs', 'select') as proofs,
             has_function_privilege('atum_app', 'app.context_mac(text)', 'execute') as mac,
             has_function_privilege('atum_app', 'app.enter(bytea, boolean, uuid, uuid, text, uuid, text)', 'execute') as enter`;
    expect(rights).toEqual({ key: false, proofs: false, mac: false, enter: true });
  });
});
