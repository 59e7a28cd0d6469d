import type { Config } from '#lib/config.ts';
import { createPool } from '#lib/db/pool.ts';
import { pendingMigrations } from '#lib/db/migrate.ts';
import { assertEntryProofRegistered, entryProof } from '#lib/db/entry-proof.ts';
import { SERVICE, withTenant } from '#lib/db/tenant.ts';
import { assertSafeRuntimeRole } from '#lib/db/role-check.ts';
import { openDatabaseTarget } from '#lib/db/target.ts';
import { readHealth } from '#lib/health.ts';
import { createKvStore } from '#lib/kv/index.ts';
import { VERSION } from '#lib/version.ts';
import type { Sql } from '#lib/db/pool.ts';
import { formatCheck, type Check } from './doctor/check.ts';
import { deadJobsCheck } from './doctor/dead-jobs.ts';
import { httpsChecks } from './doctor/https-probe.ts';
import { apiListenCheck, listeningSockets } from './doctor/listen.ts';
import { DEFAULT_NGINX_CONF, DEFAULT_NGINX_SITE } from './doctor/nginx-site.ts';
import { tlsChecks } from './doctor/tls.ts';

export interface DoctorOptions {
  /** The enabled nginx site naming the certificate and key (default /etc/nginx/sites-enabled/atum-desk.conf). */
  nginxSite?: string | undefined;
  /** nginx's main file, for its worker `user` (default /etc/nginx/nginx.conf). */
  nginxConf?: string | undefined;
  /** `skip`: another proxy serves TLS, or another run checks nginx; `only`: nothing but nginx (infra/doctor.sh runs that part as root). */
  nginx?: 'check' | 'skip' | 'only' | undefined;
}

/**
 * `atum doctor`: every check on one line; exit code 1 when any fails. The app (config, database,
 * role, migrations, mailboxes, worker, jobs, Redis), the API's real listening sockets, and, when
 * PUBLIC_URL is https, nginx's certificate and key and an HTTPS round trip through it.
 */
export async function doctor(config: Config, print: (line: string) => void, opts: DoctorOptions = {}): Promise<number> {
  const mode = opts.nginx ?? 'check';
  const checks: Check[] = mode === 'only' ? [] : await appChecks(config);
  if (mode !== 'only') checks.push(apiListenCheck(await listeningSockets(), config.port, behindProxy(config)));
  if (mode !== 'skip') checks.push(...(await nginxChecks(config, opts)));
  for (const c of checks) print(formatCheck(c));
  return checks.every((c) => c.ok) ? 0 : 1;
}

/** A proxy answers PUBLIC_URL when it is https (the API speaks plain HTTP) or names another port. */
function behindProxy(config: Config): boolean {
  const url = new URL(config.publicUrl);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return url.protocol === 'https:' || port !== config.port;
}

async function nginxChecks(config: Config, opts: DoctorOptions): Promise<Check[]> {
  if (!config.publicUrl.startsWith('https:')) return [{ name: 'tls', ok: true, detail: `not checked: PUBLIC_URL ${config.publicUrl} is plain http` }];
  return [...(await tlsChecks({ site: opts.nginxSite ?? DEFAULT_NGINX_SITE, conf: opts.nginxConf ?? DEFAULT_NGINX_CONF })), ...(await httpsChecks(config.publicUrl))];
}

async function appChecks(config: Config): Promise<Check[]> {
  const checks: Check[] = [{ name: 'config', ok: true, detail: `valid (${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`})` }];
  const target = await openDatabaseTarget(config, { adopt: false, log: () => {} }).catch((err: Error) => err);
  if (target instanceof Error) return [...checks, { name: 'database', ok: false, detail: target.message }];
  const proof = entryProof(target.appSecret);
  const sql = createPool(target.appUrl, { max: 1, applicationName: 'atum-doctor', entryProof: proof });
  const kv = createKvStore(config.redisUrl, config.redisPrefix);
  try {
    const health = await readHealth({ unscoped: sql, kv, version: VERSION });
    checks.push({ name: 'database', ok: health.database.status === 'ok', detail: health.database.error ?? 'reachable' });
    if (health.database.status === 'ok') {
      const role = await assertSafeRuntimeRole(sql, config.databaseUrl ? 'DATABASE_URL' : 'the application role').then(
        () => null,
        (err: Error) => err.message,
      );
      checks.push({ name: 'application role', ok: !role, detail: role ?? 'not a superuser, no BYPASSRLS, owns no table' });
      const pending = await pendingMigrations(sql).catch((err: Error) => err);
      checks.push({
        name: 'migrations',
        ok: Array.isArray(pending) && pending.length === 0,
        detail: pending instanceof Error ? pending.message : pending.length ? `pending: ${pending.join(', ')} (run: npm run atum -- migrate)` : 'up to date',
      });
      const unknown = await assertEntryProofRegistered(sql, proof, 'APP_SECRET').then(
        () => null,
        (err: Error) => err.message,
      );
      checks.push({ name: 'tenant entry proof', ok: !unknown, detail: unknown ?? 'this APP_SECRET is registered (sql/022)' });
      if (!unknown) checks.push(await mailboxCheck(sql));
      checks.push(workerCheck(health.worker));
      checks.push(await deadJobsCheck(target.workerUrl));
    }
    checks.push({
      name: health.kv.kind === 'redis' ? 'redis' : 'rate-limit store',
      ok: health.kv.status === 'ok',
      detail: health.kv.kind === 'redis' ? (health.kv.status === 'ok' ? 'reachable' : `cannot reach ${config.redisUrl}`) : 'in memory (REDIS_URL unset; fine for one process)',
    });
  } finally {
    await kv.close();
    await sql.end({ timeout: 5 });
    await target.embedded?.stop();
  }
  return checks;
}

function workerCheck(worker: { status: string; last_heartbeat: string | null }): Check {
  if (!worker.last_heartbeat) return { name: 'worker', ok: false, detail: 'no heartbeat yet: is the worker running? (npm run worker; systemctl status atum-worker)' };
  if (worker.status === 'ok') return { name: 'worker', ok: true, detail: `last heartbeat ${worker.last_heartbeat}` };
  const minutes = Math.round((Date.now() - Date.parse(worker.last_heartbeat)) / 60_000);
  return {
    name: 'worker',
    ok: false,
    detail: `stale: last heartbeat ${worker.last_heartbeat}, ${minutes} min ago (it beats every minute): the worker is stopped or hung, so no mail is sent or fetched and no SLA fires (systemctl status atum-worker; journalctl -u atum-worker -e)`,
  };
}

/** Failing IMAP mailboxes of every org, each with its error and next try. */
async function mailboxCheck(sql: Sql): Promise<Check> {
  const failing = await withTenant(
    sql,
    SERVICE,
    (tx) => tx<{ org_id: string; name: string; last_error: string | null; failing_since: Date; next_try_at: Date }[]>`
    select org_id, name, last_error, failing_since, next_try_at from app.mailbox_failures()`,
  );
  if (!failing.length) return { name: 'mailboxes', ok: true, detail: 'no IMAP mailbox is failing' };
  const each = failing.map((m) => `"${m.name}" (org ${m.org_id}): ${m.last_error ?? 'error'} since ${m.failing_since.toISOString()}, next try ${m.next_try_at.toISOString()}`);
  return { name: 'mailboxes', ok: false, detail: `${failing.length} failing: ${each.join('; ')}` };
}
