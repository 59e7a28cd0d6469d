import { Redis } from 'ioredis';
import type { KvStore } from './store.ts';
import { KvUnavailableError } from './unavailable.ts';

/** Longest a command may take before Redis counts as unavailable for that request. */
const COMMAND_TIMEOUT_MS = 1000;

/**
 * A KvStore on Redis, every key under `prefix` (REDIS_PREFIX). No request waits on a Redis
 * that is away: while ioredis knows the connection is down a command fails at once, and any
 * other command fails after one second (a silent network, the first connect); either way it
 * throws KvUnavailableError, a 503 with Retry-After. Connection errors are logged once per
 * outage, never thrown at the process.
 *
 * @example
 * const kv = createRedisStore('redis://127.0.0.1:6379', 'atum:1f0c2a9b3d4e:', log);
 */
export function createRedisStore(url: string, prefix: string, log: (line: string) => void = () => {}): KvStore {
  const redis = new Redis(url, {
    keyPrefix: prefix,
    connectTimeout: 2000,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // A command cut by a dropped connection is not resent: its request has answered 503 by then.
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let down = false;
  let closing = false;
  const markDown = (why: string) => {
    if (down || closing) return;
    down = true;
    log(`Redis at ${redactedUrl(url)} is unreachable (${why}); rate-limited requests answer 503 until it is back`);
  };
  // Without a listener, an 'error' event would be thrown and end the process.
  redis.on('error', (err: Error) => markDown(err.message));
  redis.on('close', () => markDown('connection closed'));
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log(`Redis at ${redactedUrl(url)} is reachable again`);
  });

  async function run<T>(command: () => Promise<T>): Promise<T> {
    // Known to be down: queueing the command would only make the request wait for its timeout.
    if (redis.status === 'reconnecting' || redis.status === 'close' || redis.status === 'end') {
      throw new KvUnavailableError(new Error(`Redis connection is ${redis.status}`));
    }
    try {
      return await command();
    } catch (err) {
      throw new KvUnavailableError(err);
    }
  }

  return {
    kind: 'redis',
    incr: (key, ttlSeconds, by = 1) =>
      run(async () => {
        // NX: the first increment sets the window; later ones must not extend it.
        const [[err, value]] = (await redis.multi().incrby(key, by).expire(key, ttlSeconds, 'NX').exec()) as [[Error | null, number]];
        if (err) throw err;
        return value;
      }),
    get: (key) => run(() => redis.get(key)),
    set: (key, value, ttlSeconds) =>
      run(async () => {
        await redis.set(key, value, 'EX', ttlSeconds);
      }),
    del: (key) =>
      run(async () => {
        await redis.del(key);
      }),
    ttl: (key) => run(() => redis.ttl(key)),
    async ping() {
      try {
        return (await run(() => redis.ping())) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      closing = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function redactedUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
