import type { Config } from '#lib/config.ts';
import type { Sql } from '#lib/db/pool.ts';
import type { KvStore } from '#lib/kv/store.ts';

/** What tasks may use: the application-role pool (tenant work goes through withTenant), the configuration and the mail key. */
export interface WorkerDeps {
  sql: Sql;
  config: Config;
  /** Opens mailbox passwords (lib/mail/secret-key.ts). */
  mailKey: Uint8Array;
  /** Counters that expire (the inbound per-sender auto-reply cap). startWorker gives one; absent: a per-process memory store. */
  kv?: KvStore;
  /** The process log, for lines an operator must see (a mailbox turning failing or working again). Absent: stderr. */
  log?: (line: string) => void;
}
