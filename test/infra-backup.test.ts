import { entryProof, registerEntryProof } from '#lib/db/entry-proof.ts';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import { createApp } from '#lib/app.ts';
import { signAccessToken, tokenKeys } from '#lib/auth/access-token.ts';
import { loadRolePermissions } from '#lib/auth/permissions.ts';
import { loadConfig, withUser } from '#lib/config.ts';
import { migrate } from '#lib/db/migrate.ts';
import { createPool, type Sql } from '#lib/db/pool.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { createMemoryStore } from '#lib/kv/memory.ts';
import { createLiveHub } from '#lib/live/hub.ts';
import { mailboxSecrets } from '#lib/mail/mailboxes.ts';
import { mailSecretKey } from '#lib/mail/secret-key.ts';
import { createOrg } from '#lib/orgs/create.ts';
import { loadRouteTable } from '#lib/router/mount.ts';
import { VERSION } from '#lib/version.ts';

// pg_dump refuses a server newer than itself, and Debian 12's client is 15 while the embedded
// PostgreSQL is 17: the scripts are tried, as in production, on the machine's PostgreSQL 15.
const MACHINE_PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROLE_PASSWORD = 'atum-test';
const SECRET = `backup-test-${randomBytes(24).toString('hex')}`;
const IMAP_PASSWORD = 'imap-pw-kept-across-restore';
const run = promisify(execFile);

// The smallest valid PNG, and a text file: two contents, three attachments (one shared).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082', 'hex');
const TEXT = Buffer.from(`order 4711, ${randomBytes(8).toString('hex')}\n`);

const dbUrl = (user: string, password: string | undefined, database: string) => {
  const u = new URL(withUser(MACHINE_PG, user, password));
  u.pathname = `/${database}`;
  return u.toString();
};

/** KEY=value lines as systemd reads them (the env file has no quoting). */
function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').flatMap((l) => (/^[A-Z_]+=/.test(l) ? [[l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]] : [])));
}

interface Running {
  app: Hono<AppEnv>;
  close(): Promise<void>;
}

/** The app as `npm start` wires it, on the database and DATA_DIR an env file names. */
async function appFrom(env: Record<string, string>): Promise<Running> {
  const config = loadConfig({ ...env, REDIS_URL: '' });
  const sql = createPool(config.databaseUrl!, { max: 2, applicationName: 'atum-backup-test', entryProof: entryProof(env.APP_SECRET!) });
  const deps = {
    config,
    unscoped: sql,
    kv: createMemoryStore(),
    live: createLiveHub(sql),
    rolePermissions: await loadRolePermissions(sql),
    tokenKeys: tokenKeys(env.APP_SECRET!, config.publicUrl),
    mailKey: mailSecretKey(config, env.APP_SECRET!),
    version: VERSION,
  };
  return {
    app: createApp(deps, await loadRouteTable()),
    async close() {
      await deps.live.close();
      await deps.kv.close();
      await sql.end({ timeout: 5 });
    },
  };
}

/** sha256 of every file under `root`, by path relative to it. */
async function hashes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out[path.relative(root, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

/** Rows of every table in every schema but the catalogs, as a superuser (RLS does not apply). */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const sql = createPool(url, { max: 1, applicationName: 'atum-backup-test' });
  try {
    const tables = await sql<{ name: string }[]>`
      select format('%I.%I', schemaname, tablename) as name from pg_tables
       where schemaname not in ('pg_catalog', 'information_schema') order by 1`;
    const out: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${name}`);
      out[name] = row!.n;
    }
    return out;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const name = `atum_backup_${randomBytes(4).toString('hex')}`;
const restoredName = `${name}_restored`;
let admin: Sql;
let tmp: string;
let envFile: string;
let env: Record<string, string>;
let orgId: string;
let userId: string;
let mailboxId: string;
const attachmentIds: string[] = [];

beforeAll(async () => {
  admin = createPool(MACHINE_PG, { max: 1, applicationName: 'atum-backup-test' });
  await admin.unsafe(`create database ${name}`);
  const ownerUrl = dbUrl('postgres', undefined, name);
  const owner = createPool(ownerUrl, { max: 1, applicationName: 'atum-backup-test' });
  try {
    await migrate(owner, ownerUrl, [
      { name: 'atum_app', password: ROLE_PASSWORD, group: 'atum_runtime' },
      { name: 'atum_worker', password: ROLE_PASSWORD, group: 'atum_queue' },
    ]);
    await registerEntryProof(owner, entryProof(SECRET));
    ({ orgId, userId } = await createOrg(owner, { slug: 'backed-up', name: 'Backed up', adminEmail: 'owner@backed-up.test', adminPassword: 'correct horse battery' }));
  } finally {
    await owner.end({ timeout: 5 });
  }

  tmp = await mkdtemp(path.join(tmpdir(), 'atum-backup-'));
  await mkdir(path.join(tmp, 'etc'));
  envFile = path.join(tmp, 'etc', 'atum.env');
  env = {
    DATABASE_URL: dbUrl('atum_app', ROLE_PASSWORD, name),
    DATABASE_OWNER_URL: ownerUrl,
    WORKER_DATABASE_URL: dbUrl('atum_worker', ROLE_PASSWORD, name),
    PUBLIC_URL: 'https://desk.backup.test',
    DATA_DIR: path.join(tmp, 'data'),
    APP_SECRET: SECRET,
  };
  await writeFile(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o640 },
  );

  // Attachments and a mailbox password, made through the app's API as an admin makes them.
  const running = await appFrom(env);
  try {
    const keys = tokenKeys(SECRET, env.PUBLIC_URL!);
    const auth = `Bearer ${await signAccessToken(keys, { userId, orgId, role: 'owner' })}`;
    const call = async (url: string, init: RequestInit) => {
      const res = await running.app.request(url, { ...init, headers: { authorization: auth, ...(init.headers as Record<string, string>) } });
      expect(res.status, `${url}: ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };
    const json = { 'content-type': 'application/json' };
    for (const [subject, files] of [
      [
        'Invoice',
        [
          [PNG, 'scan.png'],
          [TEXT, 'order.txt'],
        ],
      ],
      ['Again', [[PNG, 'same-scan.png']]],
    ] as const) {
      const ticket = await call('/api/v1/tickets', { method: 'POST', headers: json, body: JSON.stringify({ subject, body: 'see the files' }) });
      for (const [bytes, filename] of files) {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)]), filename);
        attachmentIds.push((await call(`/api/v1/tickets/${String(ticket.number)}/attachments`, { method: 'POST', body: form })).id as string);
      }
    }
    const box = await call('/api/v1/mailboxes', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'Support', from_address: 'support@backed-up.test', imap_host: 'imap.backed-up.test', imap_user: 'support', imap_password: IMAP_PASSWORD }),
    });
    mailboxId = box.id as string;
  } finally {
    await running.close();
  }
}, 120_000);

afterAll(async () => {
  const dbs = admin ? await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${name}%`}` : [];
  for (const { datname } of dbs) await admin.unsafe(`drop database if exists ${datname} with (force)`);
  await admin?.end({ timeout: 5 });
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('infra/backup.sh and infra/restore.sh', () => {
  let set: string;

  it('backs up the database, every attachment and the env file (0600) into one checked folder', async () => {
    const backupDir = path.join(tmp, 'backups');
    const { stdout } = await run('bash', ['infra/backup.sh'], { env: { ...process.env, ATUM_ENV_FILE: envFile, BACKUP_DIR: backupDir, PG_ADMIN_URL: MACHINE_PG } });
    expect(stdout).toContain('attachments: 2 files');
    expect(stdout).not.toContain('nothing to back up');
    const sets = (await readdir(backupDir)).filter((n) => n.startsWith('atum-'));
    expect(sets).toHaveLength(1);
    set = path.join(backupDir, sets[0]!);
    expect((await readdir(set)).sort()).toEqual(['SHA256SUMS', 'attachments.tar.gz', 'atum.env', 'database.dump']);
    expect((await stat(set)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(set, 'atum.env'))).mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(set, 'atum.env'), 'utf8')).toBe(await readFile(envFile, 'utf8'));
  }, 60_000);

  it('restores into a new database and data folder: same rows, same files, mailbox password still readable', async () => {
    expect(set, 'the backup test ran first').toBeDefined();
    // systemctl is not ours to call here: a stub records what restore.sh asks of it.
    const bin = path.join(tmp, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, 'systemctl'), `#!/bin/sh\necho "$*" >> ${path.join(tmp, 'systemctl.log')}\n`);
    await chmod(path.join(bin, 'systemctl'), 0o755);
    const restoredEnv = path.join(tmp, 'restored', 'atum.env');
    const restoredData = path.join(tmp, 'restored-data');
    await run('bash', ['infra/restore.sh', '--env-file', restoredEnv, '--database', restoredName, '--data-dir', restoredData, set], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PG_ADMIN_URL: MACHINE_PG, ATUM_USER: 'root' },
    });
    expect(await readFile(path.join(tmp, 'systemctl.log'), 'utf8')).toBe('stop atum-api atum-worker\nstart atum-api atum-worker\n');

    const before = await rowCounts(dbUrl('postgres', undefined, name));
    const after = await rowCounts(dbUrl('postgres', undefined, restoredName));
    expect(before['public.attachments']).toBe(3);
    expect(before['public.mailboxes']).toBe(1);
    expect(after).toEqual(before);

    const original = await hashes(path.join(env.DATA_DIR!, 'attachments'));
    expect(Object.keys(original)).toHaveLength(2);
    for (const [file, sha] of Object.entries(original)) expect(path.basename(file)).toBe(sha); // stored under their own SHA-256
    expect(await hashes(path.join(restoredData, 'attachments'))).toEqual(original);

    // The restored env file names the new database and folder and keeps the backup's secret.
    expect((await stat(restoredEnv)).mode & 0o777).toBe(0o640);
    const restored = parseEnv(await readFile(restoredEnv, 'utf8'));
    expect(restored).toMatchObject({ APP_SECRET: SECRET, DATA_DIR: restoredData, DATABASE_URL: dbUrl('atum_app', ROLE_PASSWORD, restoredName) });
    const running = await appFrom(restored);
    try {
      const key = mailSecretKey(loadConfig({ ...restored, REDIS_URL: '' }), restored.APP_SECRET!);
      const sql = createPool(restored.DATABASE_URL!, { max: 1, applicationName: 'atum-backup-test', entryProof: entryProof(restored.APP_SECRET!) });
      try {
        const secrets = await withTenant(sql, { orgId, userId, role: 'owner' }, (tx) => mailboxSecrets(tx, key, mailboxId));
        expect(secrets.imapPassword).toBe(IMAP_PASSWORD);
      } finally {
        await sql.end({ timeout: 5 });
      }
      // And the app serves the restored files from the restored folder.
      const auth = `Bearer ${await signAccessToken(tokenKeys(restored.APP_SECRET!, restored.PUBLIC_URL!), { userId, orgId, role: 'owner' })}`;
      for (const id of attachmentIds) {
        const res = await running.app.request(`/api/v1/attachments/${id}`, { headers: { authorization: auth } });
        expect(res.status).toBe(200);
        const sha = createHash('sha256')
          .update(Buffer.from(await res.arrayBuffer()))
          .digest('hex');
        expect(Object.values(original)).toContain(sha);
      }
    } finally {
      await running.close();
    }
  }, 60_000);

  it('restoring over an existing database and folder sets them aside instead of dropping them', async () => {
    const restoredEnv = path.join(tmp, 'restored', 'atum.env');
    const restoredData = path.join(tmp, 'restored-data');
    await writeFile(path.join(restoredData, 'attachments', 'marker'), 'from the first restore');
    const { stdout } = await run('bash', ['infra/restore.sh', '--no-services', '--env-file', restoredEnv, '--database', restoredName, '--data-dir', restoredData, set], {
      env: { ...process.env, PG_ADMIN_URL: MACHINE_PG, ATUM_USER: 'root' },
    });
    expect(stdout).toContain(`keeping ${restoredEnv} (the same as the backup's)`);
    const aside = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${restoredName}_before_restore_%`}`;
    expect(aside).toHaveLength(1);
    expect(await rowCounts(dbUrl('postgres', undefined, aside[0]!.datname))).toEqual(await rowCounts(dbUrl('postgres', undefined, restoredName)));
    const folders = (await readdir(restoredData)).filter((n) => n.startsWith('attachments.before-restore-'));
    expect(folders).toHaveLength(1);
    expect(await readFile(path.join(restoredData, folders[0]!, 'marker'), 'utf8')).toBe('from the first restore');
    expect(existsSync(path.join(restoredData, 'attachments', 'marker'))).toBe(false);
  }, 60_000);

  it('refuses to restore next to an env file with another APP_SECRET, naming the way out', async () => {
    const other = path.join(tmp, 'other.env');
    await writeFile(other, (await readFile(envFile, 'utf8')).replace(/^APP_SECRET=.*$/m, `APP_SECRET=${'x'.repeat(48)}`));
    const res = await run('bash', ['infra/restore.sh', '--no-services', '--env-file', other, '--database', `${name}_never`, set], {
      env: { ...process.env, PG_ADMIN_URL: MACHINE_PG, ATUM_USER: 'root' },
    }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(res?.code).toBe(1);
    expect(res?.stderr).toMatch(/another APP_SECRET or MAIL_SECRET_KEY than the backup.*--replace-env/s);
    const [never] = await admin<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${`${name}_never`}`;
    expect(never!.n).toBe(0);
  }, 60_000);
});
