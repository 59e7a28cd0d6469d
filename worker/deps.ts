import type { Sql } from '../lib/db/pool.ts';

/** What tasks may use: the application-role pool (tenant work goes through withTenant). */
export interface WorkerDeps {
  sql: Sql;
}
