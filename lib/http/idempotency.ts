import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { ApiKeyCaller, MemberCaller } from '../auth/caller.ts';
import type { TransactionSql } from '../db/pool.ts';
import { HttpError } from './errors.ts';

export const IDEMPOTENCY_HOURS = 24;
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
  if (!KEY.test(key)) throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1-255 visible ASCII characters');
  const actor = caller.kind === 'member' ? `user:${caller.userId}` : `key:${caller.keyId}`;
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${JSON.stringify(request)}`).digest();
  await db`delete from idempotency_keys where actor = ${actor} and key = ${key} and created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
  const [fresh] = await db`
    insert into idempotency_keys (org_id, actor, key, request_hash) values (${caller.orgId}, ${actor}, ${key}, ${hash})
    on conflict do nothing returning 1 as ok`;
  if (!fresh) {
    const [seen] = await db<{ request_hash: Buffer; status: number | null; response: object | null }[]>`
      select request_hash, status, response from idempotency_keys where actor = ${actor} and key = ${key}`;
    if (!seen?.request_hash.equals(hash)) throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key');
    if (seen.status === null || seen.response === null) throw new HttpError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still running; retry shortly');
    return c.json(seen.response, seen.status as 200 | 201, { 'Idempotent-Replayed': 'true' });
  }
  const result = await run();
  await db`update idempotency_keys set status = ${result.status}, response = ${db.json(JSON.parse(JSON.stringify(result.body)) as never)} where actor = ${actor} and key = ${key}`;
  return c.json(result.body, result.status);
}
