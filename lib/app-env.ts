import type { Config } from './config.ts';
import type { Sql } from './db/pool.ts';
import type { KvStore } from './kv/store.ts';
import type { LiveHub } from './live/hub.ts';
import type { RolePermissions } from './auth/permissions.ts';
import type { TokenKeys } from './auth/access-token.ts';
import type { Caller } from './auth/caller.ts';

/** What every request can reach. Built once at start (lib/runtime.ts) or per test file. */
export interface AppDeps {
  config: Config;
  /**
   * The application-role pool, outside any tenant context. Handlers get a tenant-scoped `db`;
   * this is the one door to the pool itself, for the sign-in, token and mail-intake flows that
   * must open their own transactions (grep `deps.unscoped` to find them all).
   */
  unscoped: Sql;
  kv: KvStore;
  /** Change notifications from PostgreSQL, fanned out to the org's open pages (lib/live/hub.ts). */
  live: LiveHub;
  rolePermissions: RolePermissions;
  tokenKeys: TokenKeys;
  /** Seals and opens mailbox passwords (lib/mail/secret-key.ts). */
  mailKey: Uint8Array;
  version: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    caller: Caller;
    /** The client's address, X-Forwarded-For honoured only from TRUSTED_PROXIES. */
    clientIp: string;
  };
}
