import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '#lib/kv/memory.ts';
import { createRedisStore } from '#lib/kv/redis.ts';
import type { KvStore } from '#lib/kv/store.ts';

let clock = 1_000_000;
const stores: [string, KvStore][] = [
  ['memory', createMemoryStore(() => clock)],
  ['redis', createRedisStore(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `atum-test:${randomBytes(4).toString('hex')}:`)],
];
afterAll(async () => {
  for (const [, s] of stores) await s.close();
});

describe.each(stores)('the %s key-value store', (kind, kv) => {
  it('is reachable and says what it is', async () => {
    expect(kv.kind).toBe(kind);
    expect(await kv.ping()).toBe(true);
  });

  it('counts within a window that later increments do not extend', async () => {
    expect(await kv.incr('hits', 60)).toBe(1);
    expect(await kv.incr('hits', 60)).toBe(2);
    expect(await kv.incr('hits', 600, 5)).toBe(7);
    const ttl = await kv.ttl('hits');
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('stores, reads and deletes values', async () => {
    await kv.set('flag', 'on', 30);
    expect(await kv.get('flag')).toBe('on');
    await kv.del('flag');
    expect(await kv.get('flag')).toBeNull();
    expect(await kv.ttl('flag')).toBe(-2);
  });
});

describe('the memory store', () => {
  it('forgets a counter when its window ends', async () => {
    const kv = stores[0]![1];
    await kv.incr('window', 10);
    clock += 10_001;
    expect(await kv.get('window')).toBeNull();
    expect(await kv.incr('window', 10)).toBe(1);
  });
});
