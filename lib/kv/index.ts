import { createMemoryStore } from './memory.ts';
import { createRedisStore } from './redis.ts';
import type { KvStore } from './store.ts';

export type { KvStore } from './store.ts';

/** Redis when REDIS_URL is set, memory otherwise. */
export function createKvStore(redisUrl: string | undefined): KvStore {
  return redisUrl ? createRedisStore(redisUrl) : createMemoryStore();
}
