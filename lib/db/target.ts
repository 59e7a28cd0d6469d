import path from 'node:path';
import postgres from 'postgres';
import { userOf, withUser, type Config } from '#lib/config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.ts';
import type { LoginRole } from './migrate.ts';
import { loadOrCreateSecrets } from './secrets.ts';

/** Where the database is and how each role reaches it. */
export interface DatabaseTarget {
  appUrl: string;
  /** Only present where migrations may run: embedded mode, or DATABASE_OWNER_URL set. */
  ownerUrl: string | undefined;
  workerUrl: string;
  appSecret: string;
  loginRoles: LoginRole[];
  /** Set in embedded mode; stopping it is the last step of shutdown. */
  embedded: EmbeddedPostgres | undefined;
}

const EMBEDDED_DB = 'atum';

/**
 * Resolves the configured database, starting the embedded PostgreSQL under DATA_DIR/pg when
 * DATABASE_URL is unset.
 *
 * @example
 * const target = await openDatabaseTarget(config, { adopt: true, log: console.log });
 */
export async function openDatabaseTarget(config: Config, opts: { adopt: boolean; log: (line: string) => void }): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    const workerUrl = config.workerDatabaseUrl ?? withUser(config.databaseUrl, 'atum_worker');
    return {
      appUrl: config.databaseUrl,
      ownerUrl: config.databaseOwnerUrl,
      workerUrl,
      appSecret: config.appSecret ?? '',
      loginRoles: [
        { name: userOf(config.databaseUrl), group: 'atum_runtime' },
        { name: userOf(workerUrl), group: 'atum_queue' },
      ],
      embedded: undefined,
    };
  }
  const secrets = await loadOrCreateSecrets(config.dataDir);
  const embedded = await startEmbeddedPostgres({
    dir: path.join(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    superuserPassword: secrets.postgresPassword,
    logFile: path.join(config.dataDir, 'postgres.log'),
    adopt: opts.adopt,
  });
  opts.log(`embedded PostgreSQL ${embedded.reused ? 'already running' : 'started'} on 127.0.0.1:${embedded.port} (data in ${path.join(config.dataDir, 'pg')})`);
  const base = `postgres://127.0.0.1:${embedded.port}/${EMBEDDED_DB}`;
  const ownerUrl = withUser(base, 'postgres', secrets.postgresPassword);
  await ensureDatabase(withUser(`postgres://127.0.0.1:${embedded.port}/postgres`, 'postgres', secrets.postgresPassword), EMBEDDED_DB);
  return {
    appUrl: withUser(base, 'atum_app', secrets.appPassword),
    ownerUrl,
    workerUrl: withUser(base, 'atum_worker', secrets.workerPassword),
    appSecret: config.appSecret ?? secrets.appSecret,
    loginRoles: [
      { name: 'atum_app', password: secrets.appPassword, group: 'atum_runtime' },
      { name: 'atum_worker', password: secrets.workerPassword, group: 'atum_queue' },
    ],
    embedded,
  };
}

async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const sql = postgres(maintenanceUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!row) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}
