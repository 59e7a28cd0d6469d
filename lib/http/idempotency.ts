import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import type { ApiKeyCaller, Caller, MemberCaller } from '#lib/auth/caller.ts';
import { enterAsCaller } from '#lib/auth/enter-as-caller.ts';
import { entryProofOf, type Sql, type TransactionSql } from '#lib/db/pool.ts';
import type { Access } from '#lib/router/endpoint.ts';
import { HttpError } from './errors.ts';
import { t } from '#lib/i18n/translate.ts';

const IDEMPOTENCY_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs a creating handler at most once per `Idempotency-Key` (per caller, for 24 hours). The
 * key row is inserted first in the request's transaction: a concurrent retry waits on it and
 * then gets the stored answer; a failed attempt rolls the key back with everything else, so the
 * retry runs afresh. The same key with a different body is a client bug: 422.
 *
 * @example
 * return idempotent(c, db, caller, body, async () => ({ status: 201, body: ticket }));
 */
export async function idempotent(
  c: Context<AppEnv>,
  db: TransactionSql,
  caller: MemberCaller | ApiKeyCaller,
  request: unknown,
  run: () => Promise<{ status: 200 | 201; body: object }>,
): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) {
    const result = await run();
    return c.json(result.body, result.status);
  }
  if (!KEY.test(key)) throw new HttpError(400, 'invalid_idempotency_key', t('error.idempotency_key_invalid'));
  const actor = actorOf(caller);
  const hash = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n${JSON.stringify(request)}`)
    .digest();
  await db`delete from idempotency_keys where actor = ${actor} and key = ${key} and created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
  const [fresh] = await db`
    insert into idempotency_keys (org_id, actor, key, request_hash) values (${caller.orgId}, ${actor}, ${key}, ${hash})
    on conflict do nothing returning 1 as ok`;
  if (!fresh) {
    const [seen] = await db<{ request_hash: Buffer; status: number | null; response: object | null }[]>`
      select request_hash, status, response from idempotency_keys where actor = ${actor} and key = ${key}`;
    if (!seen?.request_hash.equals(hash)) throw new HttpError(422, 'idempotency_key_reused', t('error.idempotency_key_reused'));
    if (seen.status === null || seen.response === null) throw new HttpError(409, 'idempotency_in_progress', t('error.idempotency_in_progress'));
    return c.json(seen.response, seen.status as 200 | 201, { 'Idempotent-Replayed': 'true' });
  }
  const result = await run();
  await db`update idempotency_keys set status = ${result.status}, response = ${db.json(JSON.parse(JSON.stringify(result.body)) as never)} where actor = ${actor} and key = ${key}`;
  return c.json(result.body, result.status);
}

/**
 * Whether a request with this `Idempotency-Key` will be answered without running afresh (a
 * stored answer, a retry of a run still going, a key reused for another body, or a malformed
 * key), checked before the request's transaction opens. A creating endpoint that must take
 * something first (the ticket number) skips it then, so replays burn nothing. The caller is
 * entered as the request itself would enter; a caller that would be refused counts as not
 * replayed, and the request's own checks then refuse it. Two first attempts racing may both
 * take their number: one of them leaves a gap, as any failed create does.
 *
 * @example
 * if (key !== undefined && (await idempotencyKeyTaken(sql, caller, ip, key, { permission: 'tickets.create' }))) return undefined;
 */
export async function idempotencyKeyTaken(sql: Sql, caller: Caller, ip: string, key: string, access: Exclude<Access, 'public'>): Promise<boolean> {
  if (!KEY.test(key)) return true;
  return sql.begin(async (tx) => {
    let entered: MemberCaller | ApiKeyCaller;
    try {
      entered = (await enterAsCaller(tx, caller, { access, ip, duringMfaSetup: false, proof: entryProofOf(sql) })).caller;
    } catch (err) {
      if (err instanceof HttpError) return false;
      throw err;
    }
    const [row] = await tx`
      select 1 from idempotency_keys
      where actor = ${actorOf(entered)} and key = ${key} and created_at >= now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
    return row !== undefined;
  });
}

/**
 * The identity of a request that may carry a file, for `idempotent`: the body alone without a
 * file (as a JSON request), else the body with the file's digest and name, so a retry with the
 * same bytes replays and one with other bytes is a reused key.
 *
 * @example
 * return idempotent(c, db, caller, withFile(body, upload), async () => ({ status: 201, body: ticket }));
 */
export function withFile(request: unknown, file: { sha256: string; filename: string } | undefined): unknown {
  return file ? { request, file: { sha256: file.sha256, filename: file.filename } } : request;
}

function actorOf(caller: MemberCaller | ApiKeyCaller): string {
  return caller.kind === 'member' ? `user:${caller.userId}` : `key:${caller.keyId}`;
}
