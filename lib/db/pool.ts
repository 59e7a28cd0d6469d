import postgres from 'postgres';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;

export interface PoolOptions {
  max?: number;
  /** Shown in pg_stat_activity, so a DBA can tell the API from the worker and the CLI. */
  applicationName: string;
  /**
   * The proof that lets this pool's transactions enter a tenant context (lib/db/entry-proof.ts);
   * only pools of the application role need one.
   */
  entryProof?: Buffer;
}

// Kept beside the pool rather than passed to every withTenant call: each pool of the application
// role has exactly one, and the ~30 callers of withTenant hold the pool already.
const proofs = new WeakMap<Sql, Buffer>();

/** Wait before reconnecting after the n-th failure in a row: 50 ms doubling to 0.5 s, jittered. */
function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.05 * 2 ** Math.max(0, failures - 1), 0.5) * (0.5 + Math.random() / 2);
}

/**
 * A postgres.js pool. Connections are opened lazily and re-opened after a failure, so a
 * database restart costs the requests in flight (answered 503), not the process.
 *
 * @example
 * const sql = createPool(config.databaseUrl, { applicationName: 'atum-api' });
 */
export function createPool(url: string, options: PoolOptions): Sql {
  const sql = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    // postgres.js waits 3^n/100 s (up to 20 s) before reconnecting after the n-th failed try in
    // a row, so after a restart of a few seconds the API stayed on 503 long after PostgreSQL was
    // back. Tries only happen when a request needs a connection, so a short cap costs little.
    backoff: reconnectDelaySeconds,
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    onnotice: () => {},
    connection: { application_name: options.applicationName },
    types: { bigint: postgres.BigInt },
  });
  if (options.entryProof) proofs.set(sql, options.entryProof);
  return sql;
}

/** The entry proof the pool was created with; a pool without one cannot enter a tenant. */
export function entryProofOf(sql: Sql): Buffer {
  const proof = proofs.get(sql);
  if (!proof) throw new Error('This pool was created without an entry proof: createPool(url, { entryProof: entryProof(appSecret) })');
  return proof;
}
