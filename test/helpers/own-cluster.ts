import { entryProof, registerEntryProof } from '#lib/db/entry-proof.ts';
import { TEST_SECRET } from './secret.ts';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withUser } from '#lib/config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '#lib/db/embedded.ts';
import { migrate } from '#lib/db/migrate.ts';
import { createPool } from '#lib/db/pool.ts';
import { freePort } from './free-port.ts';

export interface OwnCluster {
  port: number;
  /** Superuser on the migrated `atum` database. */
  ownerUrl: string;
  appUrl: string;
  workerUrl: string;
  /** The server's own log (auth failures land here). */
  logFile: string;
  log(): Promise<string>;
  /** Stops the server ("fast" shutdown): every client loses its connections. */
  stop(): Promise<void>;
  /** Starts it again on the same data directory and port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const PASSWORD = 'atum-own';

/**
 * A PostgreSQL cluster of the test's own, migrated, with the roles `atum_app` and `atum_worker`:
 * for fault tests that stop the server or change a role's password, which must never touch the
 * shared server other test files use.
 *
 * @example
 * const pg = await startOwnCluster();
 * await pg.stop(); await pg.start();
 */
export async function startOwnCluster(): Promise<OwnCluster> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'atum-own-pg-'));
  await chmod(tmp, 0o755); // as root, the cluster runs as the postgres user, which must reach it
  const port = await freePort();
  const logFile = path.join(tmp, 'postgres.log');
  const options = { dir: path.join(tmp, 'pg'), port, superuserPassword: PASSWORD, logFile, adopt: false };
  let server: EmbeddedPostgres | null = await startEmbeddedPostgres(options);
  const base = `postgres://127.0.0.1:${port}/atum`;
  const ownerUrl = withUser(base, 'postgres', PASSWORD);
  const admin = createPool(withUser(`postgres://127.0.0.1:${port}/postgres`, 'postgres', PASSWORD), { max: 1, applicationName: 'atum-test-setup' });
  await admin.unsafe('create database atum');
  await admin.end();
  const owner = createPool(ownerUrl, { max: 1, applicationName: 'atum-test-setup' });
  await migrate(owner, ownerUrl, [
    { name: 'atum_app', password: PASSWORD, group: 'atum_runtime' },
    { name: 'atum_worker', password: PASSWORD, group: 'atum_queue' },
  ]);
  await registerEntryProof(owner, entryProof(TEST_SECRET));
  await owner.end();
  return {
    port,
    ownerUrl,
    appUrl: withUser(base, 'atum_app', PASSWORD),
    workerUrl: withUser(base, 'atum_worker', PASSWORD),
    logFile,
    log: () => readFile(logFile, 'utf8'),
    async stop() {
      await server?.stop();
      server = null;
    },
    async start() {
      server ??= await startEmbeddedPostgres(options);
    },
    async close() {
      await server?.stop();
      server = null;
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
