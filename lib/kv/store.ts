/**
 * The small key-value surface the app needs from Redis: counters that expire (rate limits,
 * lockouts) and short-lived flags. Redis serves it in production; memory serves it when
 * REDIS_URL is unset (single process only).
 */
export interface KvStore {
  readonly kind: 'redis' | 'memory';
  /** Adds `by` to the counter and returns the new value; a new counter expires after `ttlSeconds`. */
  incr(key: string, ttlSeconds: number, by?: number): Promise<number>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Seconds until the key expires, or -2 when it does not exist. */
  ttl(key: string): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
