import type { Sql } from '#lib/db/pool.ts';
import { ROLES, type Role } from '#lib/db/tenant.ts';

/** Every permission an endpoint may declare. The role grants live in SQL (sql/003_permissions.sql). */
export const PERMISSIONS = [
  'org.read',
  'tickets.read_own',
  'tickets.read_all',
  'tickets.write',
  'tickets.create',
  'tickets.reply',
  'users.read',
  'users.manage',
  'settings.manage',
  'audit.read',
  'reports.read',
  'kb.write',
  'api_keys.manage',
  'org.manage_owners',
  'sla.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type RolePermissions = ReadonlyMap<Role, ReadonlySet<Permission>>;

/**
 * Reads role_permissions once at start: it only changes with a migration. Fails when SQL and
 * this file disagree, so a permission cannot be declared by an endpoint but granted to nobody.
 */
export async function loadRolePermissions(sql: Sql): Promise<RolePermissions> {
  const rows = await sql<{ role: Role; permission: string }[]>`select role::text as role, permission from role_permissions`;
  const map = new Map<Role, Set<Permission>>(ROLES.map((r) => [r, new Set<Permission>()]));
  const known = new Set<string>(PERMISSIONS);
  for (const { role, permission } of rows) {
    if (!known.has(permission)) throw new Error(`role_permissions grants "${permission}", which lib/auth/permissions.ts does not list: add it there`);
    map.get(role)?.add(permission as Permission);
  }
  const [dbNames] = await sql<{ names: string[] }[]>`select coalesce(array_agg(name), '{}') as names from permissions`;
  const missing = PERMISSIONS.filter((p) => !dbNames?.names.includes(p));
  if (missing.length) throw new Error(`Permissions ${missing.join(', ')} are not in the permissions table: add a migration`);
  return map;
}
