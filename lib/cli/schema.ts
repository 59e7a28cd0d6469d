import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, SQL_DIR } from '#lib/db/migrate.ts';
import { createPool } from '#lib/db/pool.ts';
import { readCatalog } from '#lib/db/schema-catalog.ts';
import { renderSchemaDoc } from '#lib/db/schema-doc.ts';

/**
 * `npm run schema` writes sql/SCHEMA.md from a scratch database that it creates on the server in
 * SCHEMA_DATABASE_URL, migrates with the real migrator and drops again. `npm run schema:check`
 * (`-- --check`) writes nothing and exits 1 with a diff when the committed file is out of date.
 * The migrations create the cluster-wide roles (atum_runtime, atum_queue) if they are missing.
 */
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET = path.join(SQL_DIR, 'SCHEMA.md');

async function main(args: string[]): Promise<number> {
  const check = args.includes('--check');
  const fresh = await freshSchemaDoc(process.env.SCHEMA_DATABASE_URL ?? DEFAULT_URL);
  if (!check) {
    await writeFile(TARGET, fresh);
    console.log(`[atum] wrote sql/SCHEMA.md (${fresh.split('\n').length} lines)`);
    return 0;
  }
  const committed = await readFile(TARGET, 'utf8').catch(() => '');
  if (committed === fresh) {
    console.log('[atum] sql/SCHEMA.md matches a fresh migrate');
    return 0;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'atum-schema-'));
  try {
    const freshFile = path.join(dir, 'SCHEMA.md');
    await writeFile(freshFile, fresh);
    const diff = spawnSync('diff', ['-u', '--label', 'sql/SCHEMA.md (committed)', '--label', 'sql/SCHEMA.md (fresh migrate)', TARGET, freshFile], { encoding: 'utf8' });
    console.error(diff.stdout || diff.stderr || '(diff printed nothing)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.error('[atum] sql/SCHEMA.md differs from the schema a fresh migrate makes (diff above). Run `npm run schema` and commit sql/SCHEMA.md.');
  return 1;
}

async function freshSchemaDoc(serverUrl: string): Promise<string> {
  const name = `atum_schema_${randomBytes(4).toString('hex')}`;
  const admin = createPool(serverUrl, { max: 1, applicationName: 'atum-schema' });
  try {
    // template0 and the C collation: nothing a machine added to template1, and the same sort order everywhere.
    await admin.unsafe(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const owner = createPool(url.toString(), { max: 1, applicationName: 'atum-schema' });
      try {
        await migrate(owner, url.toString(), []);
        return renderSchemaDoc(await readCatalog(owner));
      } finally {
        await owner.end();
      }
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await admin.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`atum: schema: ${err.message} (server: SCHEMA_DATABASE_URL, default ${DEFAULT_URL})`);
    process.exit(1);
  },
);
