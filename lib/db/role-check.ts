import type { Sql } from './pool.ts';

export class UnsafeRoleError extends Error {
  override name = 'UnsafeRoleError';
}

/**
 * Refuses a runtime connection that would defeat row-level security: a superuser or BYPASSRLS
 * role ignores every policy, and a role that owns (or inherits ownership of) the tables could
 * turn RLS off. The message says which, and what to do.
 *
 * @example
 * await assertSafeRuntimeRole(sql, 'DATABASE_URL');
 */
export async function assertSafeRuntimeRole(sql: Sql, variable: string): Promise<void> {
  const [row] = await sql<{ user: string; rolsuper: boolean; rolbypassrls: boolean; owned: string | null }[]>`
    select r.rolname as user, r.rolsuper, r.rolbypassrls,
           (select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p') and n.nspname in ('public', 'app')
               and pg_has_role(current_user, c.relowner, 'USAGE')
             limit 1) as owned
    from pg_roles r where r.rolname = current_user`;
  if (!row) throw new UnsafeRoleError(`${variable}: cannot read the role it connects as`);
  const fix = `Point ${variable} at the application role (atum_app by default), and keep the owner for DATABASE_OWNER_URL.`;
  if (row.rolsuper) throw new UnsafeRoleError(`${variable} connects as ${row.user}, a superuser, which ignores row-level security. ${fix}`);
  if (row.rolbypassrls) throw new UnsafeRoleError(`${variable} connects as ${row.user}, which has BYPASSRLS and would see every tenant's rows. ${fix}`);
  if (row.owned) throw new UnsafeRoleError(`${variable} connects as ${row.user}, which owns table ${row.owned} and could switch its row-level security off. ${fix}`);
}
