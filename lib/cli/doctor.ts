import type { Config } from '../config.ts';
import { createPool } from '../db/pool.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { assertSafeRuntimeRole } from '../db/role-check.ts';
import { openDatabaseTarget } from '../db/target.ts';
import { readHealth } from '../health.ts';
import { createKvStore } from '../kv/index.ts';
import { VERSION } from '../version.ts';
import type { Sql } from '../db/pool.ts';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** `atum doctor`: every check on one line; exit code 1 when any fails. */
export async function doctor(config: Config, print: (line: string) => void): Promise<number> {
  const checks: Check[] = [{ name: 'config', ok: true, detail: `valid (${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`})` }];
  const target = await openDatabaseTarget(config, { adopt: false, log: () => {} }).catch((err: Error) => err);
  if (target instanceof Error) {
    checks.push({ name: 'database', ok: false, detail: target.message });
  } else {
    const sql = createPool(target.appUrl, { max: 1, applicationName: 'atum-doctor' });
    const kv = createKvStore(config.redisUrl);
    try {
      const health = await readHealth({ sql, kv, version: VERSION });
      checks.push({ name: 'database', ok: health.database.status === 'ok', detail: health.database.error ?? 'reachable' });
      if (health.database.status === 'ok') {
        const role = await assertSafeRuntimeRole(sql, config.databaseUrl ? 'DATABASE_URL' : 'the application role').then(() => null, (err: Error) => err.message);
        checks.push({ name: 'application role', ok: !role, detail: role ?? 'not a superuser, no BYPASSRLS, owns no table' });
        const pending = await pendingMigrations(sql).catch((err: Error) => err);
        checks.push({
          name: 'migrations',
          ok: Array.isArray(pending) && pending.length === 0,
          detail: pending instanceof Error ? pending.message : pending.length ? `pending: ${pending.join(', ')} (run: npm run atum -- migrate)` : 'up to date',
        });
        checks.push(await mailboxCheck(sql));
        checks.push({
          name: 'worker',
          ok: health.worker.status === 'ok',
          detail: health.worker.last_heartbeat ? `last heartbeat ${health.worker.last_heartbeat} (${health.worker.status})` : 'no heartbeat yet: is the worker running? (npm run worker)',
        });
      }
      checks.push({ name: health.kv.kind === 'redis' ? 'redis' : 'rate-limit store', ok: health.kv.status === 'ok', detail: health.kv.kind === 'redis' ? (health.kv.status === 'ok' ? 'reachable' : `cannot reach ${config.redisUrl}`) : 'in memory (REDIS_URL unset; fine for one process)' });
    } finally {
      await kv.close();
      await sql.end({ timeout: 5 });
      await target.embedded?.stop();
    }
  }
  for (const c of checks) print(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(18)} ${c.detail}`);
  return checks.every((c) => c.ok) ? 0 : 1;
}

/** Failing IMAP mailboxes of every org, each with its error and next try. */
async function mailboxCheck(sql: Sql): Promise<Check> {
  const failing = await sql<{ org_id: string; name: string; last_error: string | null; failing_since: Date; next_try_at: Date }[]>`
    select org_id, name, last_error, failing_since, next_try_at from app.mailbox_failures()`;
  if (!failing.length) return { name: 'mailboxes', ok: true, detail: 'no IMAP mailbox is failing' };
  const each = failing.map((m) => `"${m.name}" (org ${m.org_id}): ${m.last_error ?? 'error'} since ${m.failing_since.toISOString()}, next try ${m.next_try_at.toISOString()}`);
  return { name: 'mailboxes', ok: false, detail: `${failing.length} failing: ${each.join('; ')}` };
}
