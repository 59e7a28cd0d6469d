import { createHash } from 'node:crypto';
import { HttpError } from '#lib/http/errors.ts';
import type { KvStore } from '#lib/kv/store.ts';
import { KV_RETRY_AFTER_SECONDS, KvUnavailableError } from '#lib/kv/unavailable.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * How hard a throttle slows a key down. After `freeFailures` failures in one window, failure
 * number n locks the key for `min(baseDelaySeconds * 2^(n - freeFailures - 1), maxDelaySeconds)`;
 * reaching `hardLimit` failures locks it until the window ends. The window starts at the first
 * failure and is not extended by later ones.
 *
 * @example
 * const policy: ThrottlePolicy = { name: 'invite', freeFailures: 3, baseDelaySeconds: 10, maxDelaySeconds: 600, windowSeconds: 3600 };
 */
export interface ThrottlePolicy {
  /** Part of every kv key, so two policies never share a counter. */
  name: string;
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  windowSeconds: number;
  hardLimit?: number;
  /**
   * What happens while the kv store (Redis) cannot be reached. `refuse` (the default): every
   * attempt is answered 503 `rate_limit_unavailable` with Retry-After, since unthrottled
   * guessing is what the throttle exists to stop. `allow`: attempts go on unthrottled and
   * uncounted, for a credential that needs no throttle to be safe.
   */
  ifStoreDown?: 'refuse' | 'allow';
}

/** What `check` answers: go ahead, or come back in `retryAfterSeconds`. */
type ThrottleState = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Failure throttling for one policy. Call `check` before doing the work, `fail` when the attempt
 * failed and `reset` when it succeeded.
 *
 * @example
 * const t = createThrottle(kv, LOGIN_ACCOUNT);
 * const state = await t.check(`acct:${orgId}:${email.toLowerCase()}`);
 * if (!state.allowed) return c.json(tooMany, 429, retryAfterHeader(state.retryAfterSeconds));
 */
export interface Throttle {
  /** Refuses while the key is locked, whatever the attempt would have been (a right password included). */
  check(key: string): Promise<ThrottleState>;
  /** Records one failure and returns the lock now in force, or null while failures are still free. */
  fail(key: string): Promise<{ retryAfterSeconds: number } | null>;
  /** Forgets the key's failures and lock, after a success. */
  reset(key: string): Promise<void>;
}

/**
 * A throttle over the KvStore, so with Redis every process shares the counts. While the store
 * cannot be reached, the policy's `ifStoreDown` decides: by default an auth check that cannot
 * reach its counters refuses (503 with Retry-After) rather than waving attempts through.
 *
 * @example
 * const t = createThrottle(kv, LOGIN_IP);
 * await t.fail('ip:203.0.113.9'); // null: 19 more are free this hour
 */
export function createThrottle(kv: KvStore, policy: ThrottlePolicy): Throttle {
  async function orIfStoreDown<T>(work: Promise<T>, whenAllowed: T): Promise<T> {
    try {
      return await work;
    } catch (err) {
      if (!(err instanceof KvUnavailableError)) throw err;
      if (policy.ifStoreDown === 'allow') return whenAllowed;
      throw rateLimitUnavailable();
    }
  }
  const keys = (key: string) => {
    // Callers pass emails and the like: a cap keeps a hostile 1 MB "email" from becoming a 1 MB Redis key.
    const k = key.length > 200 ? `sha256:${createHash('sha256').update(key).digest('hex')}` : key;
    const base = `throttle:${policy.name}:${k}`;
    return { count: `${base}:n`, lock: `${base}:lock` };
  };

  async function check(key: string): Promise<ThrottleState> {
    const left = await kv.ttl(keys(key).lock);
    return left > 0 ? { allowed: false, retryAfterSeconds: left } : { allowed: true };
  }

  async function fail(key: string): Promise<{ retryAfterSeconds: number } | null> {
    const { count, lock } = keys(key);
    const failures = await kv.incr(count, policy.windowSeconds);
    const extra = failures - policy.freeFailures;
    let delay = extra > 0 ? Math.min(policy.baseDelaySeconds * 2 ** (extra - 1), policy.maxDelaySeconds) : 0;
    if (policy.hardLimit !== undefined && failures >= policy.hardLimit) {
      // Parallel attempts all pass `check` before any of them fails; the hard limit is what bounds such a burst.
      const windowLeft = await kv.ttl(count);
      delay = Math.max(delay, windowLeft > 0 ? windowLeft : policy.windowSeconds);
    }
    delay = Math.ceil(delay);
    // A new failure never shortens a lock: a lock can outlive the window that caused it. Two
    // failures racing here may leave the shorter of their two locks, which costs one step of growth.
    const current = await kv.ttl(lock);
    if (delay > 0 && delay > current) {
      await kv.set(lock, String(failures), delay);
      return { retryAfterSeconds: delay };
    }
    return current > 0 ? { retryAfterSeconds: current } : null;
  }

  async function reset(key: string): Promise<void> {
    const { count, lock } = keys(key);
    await Promise.all([kv.del(count), kv.del(lock)]);
  }

  return {
    check: (key) => orIfStoreDown<ThrottleState>(check(key), { allowed: true }),
    fail: (key) => orIfStoreDown(fail(key), null),
    reset: (key) => orIfStoreDown(reset(key), undefined),
  };
}

/**
 * The answer while a throttle that refuses without its store cannot reach Redis: 503, not 500,
 * with Retry-After, so clients and pages say "try again shortly".
 *
 * @example
 * throw rateLimitUnavailable();
 */
function rateLimitUnavailable(): HttpError {
  return new HttpError(503, 'rate_limit_unavailable', t('error.rate_limit_unavailable'), undefined, {
    'Retry-After': String(KV_RETRY_AFTER_SECONDS),
  });
}

/**
 * Password sign-in per account (`acct:<orgId>:<lowercased email>`). Five free failures cover
 * typos and trying one's usual passwords; then 1, 2, 4 … s up to 15 min, so one guesser gets
 * about twenty tries an hour, while someone who locks a colleague out costs them a quarter hour
 * at most. 100 failures an hour is the absolute ceiling per account, whatever the number of IPs.
 *
 * @example
 * createThrottle(kv, LOGIN_ACCOUNT).check(`acct:${orgId}:${email.toLowerCase()}`);
 */
export const LOGIN_ACCOUNT: ThrottlePolicy = { name: 'login-account', freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600, hardLimit: 100 };

/**
 * Password sign-in per client IP, against spraying many accounts from one address. Twenty free
 * failures because an office behind one NAT address shares them; no hard limit, because an hour's
 * lock on a shared address would lock out everyone behind it.
 *
 * @example
 * createThrottle(kv, LOGIN_IP).check(`ip:${clientIp}`);
 */
export const LOGIN_IP: ThrottlePolicy = { name: 'login-ip', freeFailures: 20, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600 };

/**
 * TOTP or recovery codes per user. A six-digit code has a million values; 50 guesses an hour
 * leave an attacker who already has the password under a 1-in-5,000 chance an hour, even with
 * three codes valid at once for clock drift. It starts at 2 s: a person rarely mistypes a code twice.
 *
 * @example
 * createThrottle(kv, MFA_USER).fail(userId);
 */
export const MFA_USER: ThrottlePolicy = { name: 'mfa-user', freeFailures: 5, baseDelaySeconds: 2, maxDelaySeconds: 900, windowSeconds: 3600, hardLimit: 50 };

/**
 * Refresh-token failures per IP. Refresh tokens are random and cannot be guessed; failures are
 * expired or revoked tokens, often from many tabs or many users behind one address at once, so
 * 60 a minute pass. Beyond that it is a client looping or a flood, and each attempt costs a
 * database lookup: slow it from 5 s to 5 min.
 *
 * While Redis is down, refresh goes on unthrottled (`ifStoreDown: 'allow'`): the throttle only
 * sheds load, it guards no secret. A refresh token carries 256 random bits, is spent on use,
 * and a reused one signs its whole session out (reuse detection, in the database), so nothing
 * is guessed faster without the counter. Refusing instead would sign every API client out as
 * its access token expires, turning a Redis outage into an outage of the whole desk.
 *
 * @example
 * createThrottle(kv, REFRESH_IP).fail(`ip:${clientIp}`);
 */
export const REFRESH_IP: ThrottlePolicy = { name: 'refresh-ip', freeFailures: 60, baseDelaySeconds: 5, maxDelaySeconds: 300, windowSeconds: 60, ifStoreDown: 'allow' };

/**
 * Password-reset requests per IP; call `fail` for every request, since each sends an email and
 * answers the same whether or not the account exists. Twenty an hour leaves room for an office
 * behind one NAT address; after that 1 min doubling to an hour stops an address mail-bombing.
 *
 * @example
 * createThrottle(kv, RESET_IP).fail(`ip:${clientIp}`);
 */
export const RESET_IP: ThrottlePolicy = { name: 'reset-ip', freeFailures: 20, baseDelaySeconds: 60, maxDelaySeconds: 3600, windowSeconds: 3600 };

/**
 * Password-reset emails per account, whatever the IP; `fail` on every request. A fourth email in
 * an hour does not help someone the first three did not reach, and the cap keeps a mailbox from
 * being flooded from many addresses. Then 5 min doubling to an hour.
 *
 * @example
 * createThrottle(kv, RESET_ACCOUNT).fail(`acct:${orgId}:${email.toLowerCase()}`);
 */
export const RESET_ACCOUNT: ThrottlePolicy = { name: 'reset-account', freeFailures: 3, baseDelaySeconds: 300, maxDelaySeconds: 3600, windowSeconds: 3600 };

/**
 * The Retry-After header for a 429: whole seconds, at least 1 (0 would invite an immediate retry).
 *
 * @example
 * retryAfterHeader(0.2); // { 'Retry-After': '1' }
 */
export function retryAfterHeader(seconds: number): Record<string, string> {
  return { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) };
}
