import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, pendingMigrations, readMigrations } from '#lib/db/migrate.ts';
import { useTestApp } from './helpers/app.ts';

const t = useTestApp();
const roles = [
  { name: 'atum_app', group: 'atum_runtime' as const },
  { name: 'atum_worker', group: 'atum_queue' as const },
];

describe('migrations', () => {
  it('records every sql/NNN_*.sql file with its checksum', async () => {
    const files = await readMigrations();
    const rows = await t.owner<{ name: string; checksum: string }[]>`select name, checksum from app.schema_migrations order by id`;
    expect(rows).toEqual(files.map((f) => ({ name: f.name, checksum: f.checksum })));
    expect(await pendingMigrations(t.deps.unscoped)).toEqual([]);
  });

  it('does nothing the second time', async () => {
    expect(await migrate(t.owner, t.db.ownerUrl, roles)).toEqual([]);
  });

  it('stops when an applied migration was edited, naming the file and the fix', async () => {
    await t.owner`update app.schema_migrations set checksum = 'edited' where id = 2`;
    try {
      const err = await pendingMigrations(t.deps.unscoped).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as Error).message).toMatch(/sql\/002_orgs_users_memberships\.sql was edited after it was applied .* put the change in a new numbered migration/);
      await expect(migrate(t.owner, t.db.ownerUrl, roles)).rejects.toThrow(/was edited after it was applied/);
    } finally {
      const [file] = (await readMigrations()).filter((m) => m.id === 2);
      await t.owner`update app.schema_migrations set checksum = ${file!.checksum} where id = 2`;
    }
  });

  it('stops when the database is newer than the code', async () => {
    await t.owner`insert into app.schema_migrations (id, name, checksum) values (999, '999_future.sql', 'x')`;
    try {
      await expect(pendingMigrations(t.deps.unscoped)).rejects.toThrow(/has migration 999_future\.sql, which this code does not have/);
    } finally {
      await t.owner`delete from app.schema_migrations where id = 999`;
    }
  });
});
