import { entryProof, registerEntryProof } from '#lib/db/entry-proof.ts';
import { mailSecretKey } from '#lib/mail/secret-key.ts';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '#lib/app.ts';
import { tokenKeys, type TokenKeys } from '#lib/auth/access-token.ts';
import { loadRolePermissions } from '#lib/auth/permissions.ts';
import { loadConfig, withUser } from '#lib/config.ts';
import { startEmbeddedPostgres } from '#lib/db/embedded.ts';
import { migrate } from '#lib/db/migrate.ts';
import { createPool, type Sql } from '#lib/db/pool.ts';
import { createMemoryStore } from '#lib/kv/memory.ts';
import { loadRouteTable } from '#lib/router/mount.ts';
import { VERSION } from '#lib/version.ts';
import { createLiveHub } from '#lib/live/hub.ts';
import { freePort } from '../helpers/free-port.ts';

const PASSWORD = 'atum-bench';

export interface BenchServer {
  url: string;
  /** Owner (superuser) connection, for setup. */
  owner: Sql;
  /** The owner's (superuser's) URL of the bench database, for extra pools. */
  ownerUrl: string;
  /** The bench database's name; kept after close() when BENCH_DB_NAME chose it. */
  database: string;
  /** The application-role pool the server uses (RLS applies). */
  sql: Sql;
  /** Signs access tokens the server accepts. */
  keys: TokenKeys;
  close(): Promise<void>;
}

/**
 * A real HTTP server on a freshly migrated database, wired as `npm start` wires it: the embedded
 * PostgreSQL in a temporary folder, or BENCH_DATABASE_URL's server (a new database is created
 * there and dropped afterwards). With BENCH_DATABASE_URL, BENCH_DB_NAME names a database to use
 * and keep instead (created and migrated if missing), so a large seed can be reused by the next
 * run and examined by hand.
 */
export async function startBenchServer(): Promise<BenchServer> {
  let stopPg: (() => Promise<void>) | undefined;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let tmp: string | undefined;
  if (!serverUrl) {
    tmp = await mkdtemp(path.join(tmpdir(), 'atum-bench-'));
    await chmod(tmp, 0o755);
    const port = await freePort();
    const pg = await startEmbeddedPostgres({ dir: path.join(tmp, 'pg'), port, superuserPassword: PASSWORD, logFile: path.join(tmp, 'postgres.log'), adopt: false });
    stopPg = () => pg.stop();
    serverUrl = withUser(`postgres://127.0.0.1:${port}/postgres`, 'postgres', PASSWORD);
  }
  const kept = process.env.BENCH_DB_NAME;
  if (kept !== undefined && (!process.env.BENCH_DATABASE_URL || !/^[a-z_][a-z0-9_]{0,62}$/.test(kept))) {
    throw new Error('BENCH_DB_NAME needs BENCH_DATABASE_URL (a server that outlives the run) and a plain lower-case name');
  }
  const dbName = kept ?? `atum_bench_${Date.now().toString(36)}`;
  const admin = createPool(serverUrl, { max: 1, applicationName: 'atum-bench' });
  const [exists] = await admin`select 1 as ok from pg_database where datname = ${dbName}`;
  if (!exists) await admin.unsafe(`create database ${dbName}`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;
  const owner = createPool(dbUrl.toString(), { max: 2, applicationName: 'atum-bench-owner' });
  await migrate(owner, dbUrl.toString(), [
    { name: 'atum_app', password: PASSWORD, group: 'atum_runtime' },
    { name: 'atum_worker', password: PASSWORD, group: 'atum_queue' },
  ]);
  const appUrl = withUser(dbUrl.toString(), 'atum_app', PASSWORD);
  const secret = 'bench-secret-bench-secret-bench-secret-0123456789';
  await registerEntryProof(owner, entryProof(secret));
  const sql = createPool(appUrl, { max: 10, applicationName: 'atum-bench-app', entryProof: entryProof(secret) });
  const httpPort = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atum-bench-data-'));
  const config = loadConfig({ DATABASE_URL: appUrl, APP_SECRET: secret, PORT: String(httpPort), DATA_DIR: dataDir });
  const keys = tokenKeys(secret, config.publicUrl);
  const app = createApp(
    {
      config,
      unscoped: sql,
      kv: createMemoryStore(),
      live: createLiveHub(sql),
      rolePermissions: await loadRolePermissions(sql),
      tokenKeys: keys,
      mailKey: mailSecretKey(config, secret),
      version: VERSION,
    },
    await loadRouteTable(),
  );
  // Counted so that close() can wait for handlers still running after the load generator stops.
  let inFlight = 0;
  const server = serve({
    fetch: async (req: Request, env: unknown) => {
      inFlight++;
      try {
        return await app.fetch(req, env);
      } finally {
        inFlight--;
      }
    },
    hostname: '127.0.0.1',
    port: httpPort,
  }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    owner,
    ownerUrl: dbUrl.toString(),
    database: dbName,
    sql,
    keys,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await sql.end();
      await owner.end();
      if (!kept) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin.end();
      await stopPg?.();
      await rm(dataDir, { recursive: true, force: true });
      if (tmp) await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** The q-quantile of sorted numbers (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}
