import { createMemoryStore } from './memory.ts';
import { createRedisStore } from './redis.ts';
import type { KvStore } from './store.ts';

export type { KvStore } from './store.ts';
export { KvUnavailableError } from './unavailable.ts';

/**
 * Redis when REDIS_URL is set, memory otherwise. Every Redis key starts with `prefix`
 * (REDIS_PREFIX), so installations sharing one Redis keep their counters apart.
 *
 * @example
 * const kv = createKvStore(config.redisUrl, config.redisPrefix);
 */
export function createKvStore(redisUrl: string | undefined, prefix: string, log?: (line: string) => void): KvStore {
  return redisUrl ? createRedisStore(redisUrl, prefix, log) : createMemoryStore();
}
