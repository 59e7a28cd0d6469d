import type { KvStore } from './store.ts';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * An in-process KvStore for single-process installs without Redis.
 *
 * @example
 * const kv = createMemoryStore();
 * await kv.incr('login:1.2.3.4', 60); // 1
 */
export function createMemoryStore(now: () => number = Date.now): KvStore {
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (e && e.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  // Expired keys are also dropped by a slow sweep, so a flood of distinct keys cannot grow forever.
  const sweep = setInterval(() => {
    const t = now();
    for (const [k, e] of entries) if (e.expiresAt <= t) entries.delete(k);
  }, 60_000);
  sweep.unref();

  return {
    kind: 'memory',
    async incr(key, ttlSeconds, by = 1) {
      const e = live(key);
      const next = (e ? Number(e.value) : 0) + by;
      entries.set(key, { value: String(next), expiresAt: e ? e.expiresAt : now() + ttlSeconds * 1000 });
      return next;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
    },
    async del(key) {
      entries.delete(key);
    },
    async ttl(key) {
      const e = live(key);
      return e ? Math.ceil((e.expiresAt - now()) / 1000) : -2;
    },
    async ping() {
      return true;
    },
    async close() {
      clearInterval(sweep);
      entries.clear();
    },
  };
}
