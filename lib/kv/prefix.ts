import { createHash } from 'node:crypto';

/**
 * The default prefix of every Redis key: `atum:` and twelve hex digits of a hash of the
 * database this installation serves (host, port and database name; users and passwords left
 * out, so the API and the worker agree), or of DATA_DIR in embedded mode. Two installations on
 * one Redis then never share a counter, while every process of one installation does. Nodes
 * that reach the same database by different addresses must set REDIS_PREFIX themselves.
 *
 * @example
 * defaultRedisPrefix({ databaseUrl: 'postgres://atum_app:x@db:5432/atum', dataDir: '/var/lib/atum' }); // 'atum:1f0c…:'
 */
export function defaultRedisPrefix(opts: { databaseUrl: string | undefined; dataDir: string }): string {
  let installation: string;
  if (opts.databaseUrl) {
    const u = new URL(opts.databaseUrl);
    installation = `postgres://${u.hostname.toLowerCase()}:${u.port || '5432'}${decodeURIComponent(u.pathname)}`;
  } else {
    installation = `embedded:${opts.dataDir}`;
  }
  return `atum:${createHash('sha256').update(installation).digest('hex').slice(0, 12)}:`;
}
