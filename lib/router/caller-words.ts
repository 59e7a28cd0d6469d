import type { Context } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import type { Caller } from '#lib/auth/caller.ts';
import { enterAsCaller } from '#lib/auth/enter-as-caller.ts';
import { entryProofOf } from '#lib/db/pool.ts';
import { type Reader, refineReader } from '#lib/i18n/reader.ts';
import type { Access } from './endpoint.ts';
import { RefusedInput } from './request-input.ts';

/**
 * Runs an endpoint's input checks. They run before the caller's transaction, where a signed-in
 * caller's own language is learnt, so their refusal is first worded for the request as it came
 * (its cookie or Accept-Language); for a signed-in caller the language is then looked up, in a
 * short transaction of its own, and the input checked again to word the refusal in it. Only a
 * refused request pays for that. When the caller cannot be looked up (refused, the database
 * away), the first wording stands, and the answer is the 400 it always was.
 *
 * @example
 * const query = await checkedInCallersWords(c, presented, spec.auth, false, () => validate(spec.query, c.req.query(), 'query parameters'));
 */
export async function checkedInCallersWords<T>(c: Context<AppEnv>, presented: Caller, access: Access, duringMfaSetup: boolean, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (!(err instanceof RefusedInput) || access === 'public' || presented.kind === 'anonymous') throw err;
    const who = await readerOfPresented(c, presented, access, duringMfaSetup).catch(() => null);
    if (!who) throw err;
    refineReader(who);
    await err.checkAgain();
    // The input passed this time (a check against the clock): the first refusal stands.
    throw err;
  }
}

/** Who a presented, signed-in caller reads as: their tenant entered in a short transaction of its own. */
export async function readerOfPresented(c: Context<AppEnv>, presented: Caller, access: Exclude<Access, 'public'>, duringMfaSetup: boolean): Promise<Reader> {
  const pool = c.var.deps.unscoped;
  return pool.begin(async (db) => {
    const entered = await enterAsCaller(db, presented, { access, ip: c.var.clientIp, duringMfaSetup, proof: entryProofOf(pool), acceptLanguage: c.req.header('accept-language') });
    return entered.reader;
  }) as Promise<Reader>;
}
