import postgres from 'postgres';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;

export interface PoolOptions {
  max?: number;
  /** Shown in pg_stat_activity, so a DBA can tell the API from the worker and the CLI. */
  applicationName: string;
}

/**
 * A postgres.js pool. Connections are opened lazily and re-opened after a failure, so a
 * database restart costs the requests in flight (answered 503), not the process.
 *
 * @example
 * const sql = createPool(config.databaseUrl, { applicationName: 'atum-api' });
 */
export function createPool(url: string, options: PoolOptions): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    onnotice: () => {},
    connection: { application_name: options.applicationName },
    types: { bigint: postgres.BigInt },
  });
}
