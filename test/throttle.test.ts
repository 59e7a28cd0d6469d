import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createThrottle, LOGIN_ACCOUNT, LOGIN_IP, MFA_USER, REFRESH_IP, RESET_ACCOUNT, RESET_IP, retryAfterHeader, type ThrottlePolicy } from '#lib/auth/throttle.ts';
import { createMemoryStore } from '#lib/kv/memory.ts';
import { createRedisStore } from '#lib/kv/redis.ts';
import type { KvStore } from '#lib/kv/store.ts';

let clock = 1_000_000;
const memory = createMemoryStore(() => clock);
const stores: [string, KvStore][] = [
  ['memory', memory],
  ['redis', createRedisStore(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `atum-test:${randomBytes(4).toString('hex')}:`)],
];
afterAll(async () => {
  for (const [, s] of stores) await s.close();
});

/** Redis rounds TTLs to whole seconds, so a lock read back just after it was set may be one short. */
const about = (seconds: number) => expect.toSatisfy((n: number) => n <= seconds && n >= seconds - 1, `about ${seconds}`);

const doubling: ThrottlePolicy = { name: 'doubling', freeFailures: 2, baseDelaySeconds: 1, maxDelaySeconds: 8, windowSeconds: 3600 };
const hard: ThrottlePolicy = { name: 'hard', freeFailures: 1, baseDelaySeconds: 1, maxDelaySeconds: 2, windowSeconds: 600, hardLimit: 4 };

describe.each(stores)('a throttle on the %s store', (_kind, kv) => {
  it('lets the free failures through, then locks for 1, 2, 4 … seconds up to the maximum', async () => {
    const t = createThrottle(kv, doubling);
    const key = 'ip:203.0.113.9';
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await t.fail(key));
    expect(results.slice(0, 2)).toEqual([null, null]);
    expect(results.slice(2).map((r) => r?.retryAfterSeconds)).toEqual([1, 2, 4, 8, about(8)]);
    expect(await kv.ttl('throttle:doubling:ip:203.0.113.9:lock')).toEqual(about(8));
    expect(await kv.get('throttle:doubling:ip:203.0.113.9:n')).toBe('7');
    const counterTtl = await kv.ttl('throttle:doubling:ip:203.0.113.9:n');
    expect(counterTtl).toEqual(about(3600));
  });

  it('refuses every attempt while locked and says for how long', async () => {
    const t = createThrottle(kv, doubling);
    expect(await t.check('acct:org:ada@x.test')).toEqual({ allowed: true });
    for (let i = 0; i < 4; i++) await t.fail('acct:org:ada@x.test');
    expect(await t.check('acct:org:ada@x.test')).toEqual({ allowed: false, retryAfterSeconds: about(2) });
    expect(await t.check('acct:org:bob@x.test')).toEqual({ allowed: true });
  });

  it('forgets failures and the lock on reset', async () => {
    const t = createThrottle(kv, doubling);
    for (let i = 0; i < 5; i++) await t.fail('k');
    await t.reset('k');
    expect(await t.check('k')).toEqual({ allowed: true });
    expect(await t.fail('k')).toBeNull();
    expect(await t.fail('k')).toBeNull();
    expect(await t.fail('k')).toEqual({ retryAfterSeconds: 1 });
  });

  it('locks until the window ends once the hard limit is reached', async () => {
    const t = createThrottle(kv, hard);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await t.fail('k'));
    expect(results).toEqual([null, { retryAfterSeconds: 1 }, { retryAfterSeconds: 2 }, { retryAfterSeconds: about(600) }]);
    expect(await t.check('k')).toEqual({ allowed: false, retryAfterSeconds: about(600) });
    expect(await kv.ttl('throttle:hard:k:lock')).toEqual(about(await kv.ttl('throttle:hard:k:n')));
  });

  it('keeps policies apart and caps long keys with a hash', async () => {
    const a = createThrottle(kv, doubling);
    const b = createThrottle(kv, hard);
    await a.fail('shared');
    expect(await kv.get('throttle:doubling:shared:n')).toBe('1');
    expect(await kv.get('throttle:hard:shared:n')).toBeNull();
    expect(await b.fail('shared')).toBeNull();

    const long = `acct:org:${'x'.repeat(300)}@x.test`;
    await a.fail(long);
    const hashed = createHash('sha256').update(long).digest('hex');
    expect(await kv.get(`throttle:doubling:sha256:${hashed}:n`)).toBe('1');
    expect(await kv.get(`throttle:doubling:${long}:n`)).toBeNull();
  });
});

describe('a throttle as time passes (memory store with a clock)', () => {
  it('lets a lock run out, and then allows the attempt that was refused', async () => {
    const t = createThrottle(memory, doubling);
    for (let i = 0; i < 5; i++) await t.fail('time:a');
    expect(await t.check('time:a')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    clock += 3_000;
    expect(await t.check('time:a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock += 1_000;
    expect(await t.check('time:a')).toEqual({ allowed: true });
    expect(await t.fail('time:a')).toEqual({ retryAfterSeconds: 8 });
  });

  it('starts counting afresh when the window ends', async () => {
    const t = createThrottle(memory, doubling);
    for (let i = 0; i < 4; i++) await t.fail('time:b');
    clock += 3_600_000;
    expect(await t.check('time:b')).toEqual({ allowed: true });
    expect(await t.fail('time:b')).toBeNull();
  });

  it('locks only until the window ends, counted from the first failure', async () => {
    const t = createThrottle(memory, hard);
    await t.fail('time:c');
    clock += 100_000;
    for (let i = 0; i < 3; i++) await t.fail('time:c');
    expect(await t.check('time:c')).toEqual({ allowed: false, retryAfterSeconds: 500 });
    clock += 500_000;
    expect(await t.check('time:c')).toEqual({ allowed: true });
    expect(await t.fail('time:c')).toBeNull();
  });

  it('never shortens a lock that outlives its window', async () => {
    const t = createThrottle(memory, { name: 'outlives', freeFailures: 0, baseDelaySeconds: 50, maxDelaySeconds: 100, windowSeconds: 60 });
    expect(await t.fail('time:d')).toEqual({ retryAfterSeconds: 50 });
    expect(await t.fail('time:d')).toEqual({ retryAfterSeconds: 100 });
    clock += 61_000;
    expect(await t.fail('time:d')).toEqual({ retryAfterSeconds: 50 }); // new window: 50 s, but 39 s were left
    clock += 45_000;
    expect(await t.fail('time:d')).toEqual({ retryAfterSeconds: 100 });
    const t2 = createThrottle(memory, { name: 'outlives2', freeFailures: 1, baseDelaySeconds: 100, maxDelaySeconds: 100, windowSeconds: 10 });
    await t2.fail('time:e');
    expect(await t2.fail('time:e')).toEqual({ retryAfterSeconds: 100 });
    clock += 11_000;
    expect(await t2.fail('time:e')).toEqual({ retryAfterSeconds: 89 }); // free in the new window, still locked
  });
});

describe('the ready-made policies', () => {
  it('lock an account for at most 15 minutes, and for the rest of the hour after 100 failures', async () => {
    const t = createThrottle(memory, LOGIN_ACCOUNT);
    const delays = [];
    for (let i = 1; i <= 100; i++) delays.push((await t.fail('acct:org:policy@x.test'))?.retryAfterSeconds ?? 0);
    expect(delays.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 1, 2, 4]);
    expect(delays[15]).toBe(900);
    expect(delays[98]).toBe(900);
    expect(delays[99]).toBe(3600);
  });

  it('are the documented numbers', () => {
    expect([LOGIN_ACCOUNT, LOGIN_IP, MFA_USER, REFRESH_IP, RESET_IP, RESET_ACCOUNT]).toEqual([
      { name: 'login-account', freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600, hardLimit: 100 },
      { name: 'login-ip', freeFailures: 20, baseDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 3600 },
      { name: 'mfa-user', freeFailures: 5, baseDelaySeconds: 2, maxDelaySeconds: 900, windowSeconds: 3600, hardLimit: 50 },
      { name: 'refresh-ip', freeFailures: 60, baseDelaySeconds: 5, maxDelaySeconds: 300, windowSeconds: 60, ifStoreDown: 'allow' },
      { name: 'reset-ip', freeFailures: 20, baseDelaySeconds: 60, maxDelaySeconds: 3600, windowSeconds: 3600 },
      { name: 'reset-account', freeFailures: 3, baseDelaySeconds: 300, maxDelaySeconds: 3600, windowSeconds: 3600 },
    ]);
  });
});

describe('retryAfterHeader', () => {
  it('gives whole seconds, at least one', () => {
    expect(retryAfterHeader(0)).toEqual({ 'Retry-After': '1' });
    expect(retryAfterHeader(0.2)).toEqual({ 'Retry-After': '1' });
    expect(retryAfterHeader(1.5)).toEqual({ 'Retry-After': '2' });
    expect(retryAfterHeader(900)).toEqual({ 'Retry-After': '900' });
  });
});
