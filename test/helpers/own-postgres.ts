import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { withUser } from '../../lib/config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../lib/db/embedded.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { createPool } from '../../lib/db/pool.ts';
import { freePort } from './free-port.ts';

const PASSWORD = 'atum-outage';

/** A PostgreSQL cluster that one test file owns alone, so it may stop, start and kill it at will. */
export interface OwnPostgres {
  port: number;
  /** Superuser on the migrated `atum` database: for terminating backends and checking rows. */
  superUrl: string;
  /** The application role (atum_app) on the same database. */
  appUrl: string;
  /** Fast shutdown (open transactions roll back); resolves once the server has exited. */
  stop(): Promise<void>;
  /** Starts the same cluster on the same port again; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server and removes its files. */
  remove(): Promise<void>;
}

/**
 * Starts a private embedded PostgreSQL (lib/db/embedded.ts) on a free port, with the `atum`
 * database migrated and the roles atum_app / atum_worker, as `npm start` would have it. Fault
 * tests break this one, never the machine's shared server.
 *
 * @example
 * const pg = await startOwnPostgres();
 * await pg.stop(); await pg.start();
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'atum-own-pg-'));
  await chmod(tmp, 0o755); // as root, the cluster runs as the postgres user, which must reach it
  const port = await freePort();
  const options = { dir: path.join(tmp, 'pg'), port, superuserPassword: PASSWORD, logFile: path.join(tmp, 'postgres.log'), adopt: false };
  let server: EmbeddedPostgres | undefined = await startEmbeddedPostgres(options);

  const root = withUser(`postgres://127.0.0.1:${port}/postgres`, 'postgres', PASSWORD);
  const admin = postgres(root, { max: 1, onnotice: () => {} });
  await admin.unsafe('create database atum');
  await admin.end();
  const superUrl = withUser(`postgres://127.0.0.1:${port}/atum`, 'postgres', PASSWORD);
  const owner = createPool(superUrl, { max: 1, applicationName: 'atum-test-setup' });
  await migrate(owner, superUrl, [
    { name: 'atum_app', password: PASSWORD, group: 'atum_runtime' },
    { name: 'atum_worker', password: PASSWORD, group: 'atum_queue' },
  ]);
  await owner.end();

  return {
    port,
    superUrl,
    appUrl: withUser(`postgres://127.0.0.1:${port}/atum`, 'atum_app', PASSWORD),
    async stop() {
      await server?.stop();
      server = undefined;
    },
    async start() {
      server ??= await startEmbeddedPostgres(options);
    },
    async remove() {
      await server?.stop();
      server = undefined;
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
