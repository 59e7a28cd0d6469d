import type { Config } from '../lib/config.ts';
import type { Sql } from '../lib/db/pool.ts';

/** What tasks may use: the application-role pool (tenant work goes through withTenant), the configuration and the mail key. */
export interface WorkerDeps {
  sql: Sql;
  config: Config;
  /** Opens mailbox passwords (lib/mail/secret-key.ts). */
  mailKey: Uint8Array;
}
