import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger, runMigrations as runWorkerMigrations } from 'graphile-worker';
import type { Sql } from './pool.ts';

export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Any constant works; it only has to be the same for every process that migrates. */
const LOCK_KEY = 0x41_54_55_4d; // "ATUM"

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** A login role the runtime connects as, and the group whose privileges it receives. */
export interface LoginRole {
  name: string;
  password?: string;
  group: 'atum_runtime' | 'atum_queue';
}

export interface Migration {
  id: number;
  name: string;
  checksum: string;
  text: string;
}

export async function readMigrations(dir = SQL_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => MIGRATION_FILE.test(f)).sort();
  const migrations: Migration[] = [];
  for (const name of files) {
    const text = await readFile(path.join(dir, name), 'utf8');
    const id = Number(name.slice(0, 3));
    if (migrations.some((m) => m.id === id)) throw new MigrationError(`Two migrations are numbered ${id} in sql/: renumber one of them`);
    migrations.push({ id, name, checksum: createHash('sha256').update(text).digest('hex'), text });
  }
  return migrations;
}

/**
 * Brings the database up to date under an advisory lock, so two processes starting at once
 * do not both migrate: graphile-worker's schema first (our SQL may enqueue jobs), then
 * `sql/NNN_*.sql` in order, each in its own transaction and recorded with its checksum.
 * An applied migration whose file has changed stops everything.
 *
 * @example
 * await migrate(ownerSql, ownerUrl, [{ name: 'atum_app', group: 'atum_runtime' }]);
 */
export async function migrate(owner: Sql, ownerUrl: string, roles: LoginRole[], log: (line: string) => void = () => {}): Promise<string[]> {
  const migrations = await readMigrations();
  const conn = await owner.reserve();
  try {
    await conn`select pg_advisory_lock(${LOCK_KEY})`;
    for (const role of roles) await ensureLoginRole(conn, role);
    await runWorkerMigrations({ connectionString: ownerUrl, logger: quietLogger() });
    await conn.unsafe(`
      create schema if not exists app;
      create table if not exists app.schema_migrations (
        id int primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      );`);
    const applied = new Map((await conn<{ id: number; name: string; checksum: string }[]>`select id, name, checksum from app.schema_migrations`).map((r) => [r.id, r]));
    checkApplied(migrations, applied);
    const ran: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.id)) continue;
      await conn.unsafe('begin');
      try {
        await conn.unsafe(m.text);
        await conn`insert into app.schema_migrations (id, name, checksum) values (${m.id}, ${m.name}, ${m.checksum})`;
        await conn.unsafe('commit');
      } catch (err) {
        await conn.unsafe('rollback');
        throw new MigrationError(`sql/${m.name} failed: ${(err as Error).message}. Nothing of it was applied; fix the file and start again.`);
      }
      log(`applied sql/${m.name}`);
      ran.push(m.name);
    }
    await conn.unsafe(await readFile(path.join(SQL_DIR, 'queue_ownership.sql'), 'utf8'));
    await conn.unsafe('grant usage on schema app to atum_runtime; grant select on app.schema_migrations to atum_runtime');
    for (const role of roles) await conn.unsafe(`grant ${role.group} to ${ident(role.name)}`);
    return ran;
  } finally {
    await conn`select pg_advisory_unlock(${LOCK_KEY})`.catch(() => {});
    conn.release();
  }
}

/** Migrations in sql/ that the database has not applied yet (read as any role). */
export async function pendingMigrations(sql: Sql): Promise<string[]> {
  const migrations = await readMigrations();
  let applied: Map<number, { id: number; name: string; checksum: string }>;
  try {
    applied = new Map((await sql<{ id: number; name: string; checksum: string }[]>`select id, name, checksum from app.schema_migrations`).map((r) => [r.id, r]));
  } catch (err) {
    if ((err as { code?: string }).code === '42P01' || (err as { code?: string }).code === '3F000') return migrations.map((m) => m.name);
    throw err;
  }
  checkApplied(migrations, applied);
  return migrations.filter((m) => !applied.has(m.id)).map((m) => m.name);
}

function checkApplied(migrations: Migration[], applied: Map<number, { name: string; checksum: string }>): void {
  const known = new Map(migrations.map((m) => [m.id, m]));
  for (const [id, row] of applied) {
    const file = known.get(id);
    if (!file) {
      throw new MigrationError(`The database has migration ${row.name}, which this code does not have: it is older than the database. Deploy the newer code.`);
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `sql/${file.name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)} in the database, ${file.checksum.slice(0, 12)} on disk). ` +
          'Applied migrations are immutable: restore the file and put the change in a new numbered migration.',
      );
    }
  }
}

async function ensureLoginRole(conn: Sql, role: LoginRole): Promise<void> {
  const [existing] = await conn<{ rolname: string }[]>`select rolname from pg_roles where rolname = ${role.name}`;
  if (existing) return;
  const password = role.password ? ` password ${literal(role.password)}` : '';
  try {
    await conn.unsafe(`create role ${ident(role.name)} login nosuperuser nobypassrls nocreatedb nocreaterole inherit${password}`);
  } catch (err) {
    if ((err as { code?: string }).code === '42710') return; // created concurrently by another database's migration
    throw new MigrationError(
      `Could not create the login role ${role.name}: ${(err as Error).message}. Create it yourself (CREATE ROLE ${role.name} LOGIN PASSWORD '...') or give the owner role CREATEROLE.`,
    );
  }
}

/** Quotes an SQL identifier. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes an SQL string literal (DDL takes no bind parameters). */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** graphile-worker logs each of its migrations; our runner prints its own summary instead. */
function quietLogger(): Logger {
  return new Logger(() => () => {});
}
