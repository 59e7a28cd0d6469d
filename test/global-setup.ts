import { entryProof, registerEntryProof } from '#lib/db/entry-proof.ts';
import { TEST_SECRET } from './helpers/secret.ts';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { withUser } from '#lib/config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '#lib/db/embedded.ts';
import { migrate } from '#lib/db/migrate.ts';
import { createPool } from '#lib/db/pool.ts';
import { freePort } from './helpers/free-port.ts';
import type { TestServer } from './helpers/test-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: TestServer;
  }
}

const PASSWORD = 'atum-test';

/**
 * Starts one PostgreSQL for the whole run (embedded, or the server in TEST_DATABASE_URL),
 * migrates a template database once, and hands its name to the test files, which each clone
 * their own database from it (test/helpers/db.ts).
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | undefined;
  let tmp: string | undefined;
  let serverUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = process.env.TEST_DATABASE_URL;
  } else {
    tmp = await mkdtemp(path.join(tmpdir(), 'atum-test-'));
    await chmod(tmp, 0o755); // as root, the cluster runs as the postgres user, which must reach it
    const port = await freePort();
    embedded = await startEmbeddedPostgres({ dir: path.join(tmp, 'pg'), port, superuserPassword: PASSWORD, logFile: path.join(tmp, 'postgres.log'), adopt: false });
    serverUrl = withUser(`postgres://127.0.0.1:${port}/postgres`, 'postgres', PASSWORD);
  }
  const runId = `atum_t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = `${runId}_tpl`;
  const admin = createPool(serverUrl, { max: 1, applicationName: 'atum-test-setup' });
  await admin.unsafe(`create database ${template}`);
  const templateUrl = withDatabase(serverUrl, template);
  const owner = createPool(templateUrl, { max: 1, applicationName: 'atum-test-setup' });
  await migrate(owner, templateUrl, [
    { name: 'atum_app', password: PASSWORD, group: 'atum_runtime' },
    { name: 'atum_worker', password: PASSWORD, group: 'atum_queue' },
  ]);
  await registerEntryProof(owner, entryProof(TEST_SECRET));
  await owner.end();

  project.provide('pg', { serverUrl, template, prefix: runId, appUser: 'atum_app', workerUser: 'atum_worker', password: PASSWORD });

  return async function teardown() {
    const dbs = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${runId}%`}`;
    for (const { datname } of dbs) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
