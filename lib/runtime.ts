import type { Config } from './config.ts';
import type { AppDeps } from './app-env.ts';
import { createApp } from './app.ts';
import { startUploadTempSweeper } from './attachments/upload-temp-sweep.ts';
import { tokenKeys, type TokenKeys } from './auth/access-token.ts';
import { loadRolePermissions } from './auth/permissions.ts';
import { migrate, pendingMigrations, MigrationError } from './db/migrate.ts';
import { assertEntryProofRegistered, entryProof, registerEntryProof } from './db/entry-proof.ts';
import { createPool, type Sql } from './db/pool.ts';
import { assertSafeRuntimeRole } from './db/role-check.ts';
import { openDatabaseTarget, type DatabaseTarget } from './db/target.ts';
import { createKvStore } from './kv/index.ts';
import { createLiveHub } from './live/hub.ts';
import { mailSecretKey } from './mail/secret-key.ts';
import { listen } from './http-server.ts';
import { loadRouteTable } from './router/mount.ts';
import { seedDemo } from './demo-seed.ts';
import { seedDemoContent, type DemoStaff } from './demo/content.ts';
import { VERSION } from './version.ts';
import { startWorker, type WorkerHandle } from './worker.ts';
import { startWatchdog } from './worker/watchdog.ts';

export interface Running {
  url: string;
  /** The one shutdown sequence: stop accepting, drain requests and jobs, close pools, stop PostgreSQL. */
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/** The heartbeat job finishes every minute; this long without any finished job means the worker hangs. */
const WORKER_STALLED_AFTER_MS = 5 * 60_000;

/**
 * Starts ATUM DESK: the database (embedded when DATABASE_URL is unset), migrations where an
 * owner connection is available, then the HTTP server and/or the worker.
 */
export async function startRuntime(config: Config, opts: { api: boolean; worker: boolean; log: Log }): Promise<Running> {
  const { log } = opts;
  const cleanup: { name: string; run: () => Promise<void> }[] = [];
  const stop = async () => {
    for (const step of cleanup.reverse().splice(0)) {
      await step.run().catch((err: Error) => log(`shutdown: ${step.name} failed: ${err.message}`));
    }
  };
  try {
    const target = await openDatabaseTarget(config, { adopt: true, log });
    if (target.embedded) cleanup.push({ name: 'embedded PostgreSQL', run: () => target.embedded!.stop() });
    const demoStaff = target.ownerUrl ? await migrateAndSeed(target, config, log) : null;

    const proof = entryProof(target.appSecret);
    const sql = createPool(target.appUrl, { applicationName: opts.api ? 'atum-api' : 'atum-worker-tasks', entryProof: proof });
    cleanup.push({ name: 'database pool', run: () => sql.end({ timeout: 5 }) });
    await assertSafeRuntimeRole(sql, config.databaseUrl ? 'DATABASE_URL' : 'the embedded application role');
    const pending = await pendingMigrations(sql);
    if (pending.length) {
      throw new MigrationError(
        `The database is missing migrations ${pending.join(', ')}. Run \`npm run atum -- migrate\` with DATABASE_OWNER_URL set, or set DATABASE_OWNER_URL so start can apply them.`,
      );
    }
    await assertEntryProofRegistered(sql, proof, opts.api ? 'start' : 'worker');

    if (opts.worker) {
      const worker: WorkerHandle = await startWorker({
        workerUrl: target.workerUrl,
        sql,
        config,
        mailKey: mailSecretKey(config, target.appSecret),
        concurrency: config.workerConcurrency,
        log,
        // The worker alone (its systemd unit) waits out a database that is not there yet or
        // refuses its login; with the API in the same process, the start fails and says why.
        waitForDatabase: !opts.api,
        // graphile-worker gave up: a fresh process (systemd's Restart=on-failure) is the way back.
        onFatal: (err) => {
          log(`worker stopped on an error it cannot recover from (${err.message}); exiting with status 1`);
          void stop().finally(() => process.exit(1));
        },
      });
      cleanup.push({ name: 'worker', run: () => worker.stop() });
      const watchdog = startWatchdog({
        env: process.env,
        stalled: () => (worker.progressing(WORKER_STALLED_AFTER_MS) ? null : `no job has finished for ${WORKER_STALLED_AFTER_MS / 60_000} minutes though PostgreSQL is reachable`),
        log,
      });
      cleanup.push({ name: 'systemd watchdog', run: async () => watchdog.stop() });
      await watchdog.ready();
    }
    let url = '';
    if (opts.api) {
      // What a crashed predecessor left of its uploads goes now, and a running process's own leftovers hourly.
      const stopSweeper = startUploadTempSweeper(config.dataDir, log);
      cleanup.push({ name: 'upload temp sweep', run: async () => stopSweeper() });
      const kv = createKvStore(config.redisUrl, config.redisPrefix, log);
      cleanup.push({ name: 'key-value store', run: () => kv.close() });
      const live = createLiveHub(sql, { log });
      cleanup.push({ name: 'live updates', run: () => live.close() });
      const deps: AppDeps = {
        config,
        unscoped: sql,
        kv,
        live,
        rolePermissions: await loadRolePermissions(sql),
        tokenKeys: tokenKeys(target.appSecret, config.publicUrl),
        mailKey: mailSecretKey(config, target.appSecret),
        version: VERSION,
      };
      const app = createApp(deps, await loadRouteTable());
      if (demoStaff) await fillDemo(app.fetch, deps.tokenKeys, demoStaff, log);
      const http = await listen(app.fetch, config.host, config.port, log);
      cleanup.push({ name: 'HTTP server', run: () => http.drain() });
      url = `http://${config.host}:${config.port}`;
    }
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function migrateAndSeed(target: DatabaseTarget, config: Config, log: Log): Promise<DemoStaff | null> {
  const owner: Sql = createPool(target.ownerUrl!, { max: 2, applicationName: 'atum-migrate' });
  try {
    await migrate(owner, target.ownerUrl!, target.loginRoles, log);
    await registerEntryProof(owner, entryProof(target.appSecret));
    return target.embedded ? await seedDemo(owner, config.dataDir, log) : null;
  } finally {
    await owner.end({ timeout: 5 });
  }
}

/** The demo tickets, through the app itself. A failure leaves a usable (emptier) demo, not a failed start. */
async function fillDemo(fetch: (request: Request) => Response | Promise<Response>, keys: TokenKeys, staff: DemoStaff, log: Log): Promise<void> {
  try {
    const { tickets } = await seedDemoContent(fetch, keys, staff);
    log(`added ${tickets} demo tickets, a team, a custom field, business hours with an SLA policy and a canned response`);
  } catch (err) {
    log(`the demo data is incomplete: ${(err as Error).message}`);
  }
}
