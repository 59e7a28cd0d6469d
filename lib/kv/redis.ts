import { Redis } from 'ioredis';
import type { KvStore } from './store.ts';

/**
 * A KvStore on Redis. While Redis is down a command waits for at most one reconnect attempt
 * and then fails, so a rate-limit check cannot hang a request.
 *
 * @example
 * const kv = createRedisStore('redis://127.0.0.1:6379', 'atum:');
 */
export function createRedisStore(url: string, prefix = 'atum:'): KvStore {
  const redis = new Redis(url, {
    keyPrefix: prefix,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on('error', () => {}); // reported through ping() in health and doctor, not as log spam
  return {
    kind: 'redis',
    async incr(key, ttlSeconds, by = 1) {
      // NX: the first increment sets the window; later ones must not extend it.
      const [[, value]] = (await redis.multi().incrby(key, by).expire(key, ttlSeconds, 'NX').exec()) as [[Error | null, number]];
      return value;
    },
    get: (key) => redis.get(key),
    async set(key, value, ttlSeconds) {
      await redis.set(key, value, 'EX', ttlSeconds);
    },
    async del(key) {
      await redis.del(key);
    },
    ttl: (key) => redis.ttl(key),
    async ping() {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
