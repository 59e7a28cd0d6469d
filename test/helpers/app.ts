import { TEST_SECRET } from './secret.ts';
import { entryProof } from '#lib/db/entry-proof.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Hono } from 'hono';
import { loadConfig } from '#lib/config.ts';
import type { AppDeps, AppEnv } from '#lib/app-env.ts';
import { createApp } from '#lib/app.ts';
import { signAccessToken, tokenKeys } from '#lib/auth/access-token.ts';
import { loadRolePermissions } from '#lib/auth/permissions.ts';
import { createPool, type Sql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { createMemoryStore } from '#lib/kv/memory.ts';
import { createLiveHub } from '#lib/live/hub.ts';
import { mailSecretKey } from '#lib/mail/secret-key.ts';
import { createMember, createOrg } from '#lib/orgs/create.ts';
import { lazyRouteTable } from '#lib/router/mount.ts';
import { VERSION } from '#lib/version.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export { TEST_SECRET };
export const TEST_PASSWORD = 'correct horse battery';

export interface Member {
  orgId: string;
  userId: string;
  role: Role;
  email: string;
  /** `Authorization` header value for this member. */
  auth: string;
}

export interface TestApp {
  app: Hono<AppEnv>;
  deps: AppDeps;
  db: TestDatabase;
  /** Superuser connection to this file's database, for setup and for looking behind the API. */
  owner: Sql;
  /** `app.request`, with JSON bodies encoded and an optional member signed in. */
  request(path: string, init?: { method?: string; body?: unknown; as?: Member; headers?: Record<string, string> }): Promise<Response>;
  /** A new org with an owner; `slug` must be unique within the file. */
  org(slug: string): Promise<Member>;
  /** Another member of an existing org. */
  member(of: Member, role: Role, email?: string): Promise<Member>;
  /** Sets the language a member chose for themselves (users.locale; null: not chosen). */
  speaks(who: Member, locale: string | null): Promise<void>;
}

/**
 * Gives a test file its own database, cloned from the migrated template, and an app wired to
 * it exactly as `npm start` wires one. Call at the top level of a test file. `publicUrl`
 * (default `http://atum.test`) is PUBLIC_URL: a test that serves the app to a real browser
 * passes the server's own origin, which the CSRF check compares Origin against.
 *
 * @example
 * const t = useTestApp();
 * it('answers', async () => expect((await t.request('/api/v1/health')).status).toBe(200));
 */
export function useTestApp(options: { publicUrl?: string; env?: Record<string, string> } = {}): TestApp {
  const t = {} as TestApp;
  let pools: Sql[] = [];
  let counter = 0;
  let dataDir: string | undefined;
  beforeAll(async () => {
    t.db = await createTestDatabase();
    t.owner = createPool(t.db.ownerUrl, { max: 2, applicationName: 'atum-test-owner' });
    const sql = createPool(t.db.appUrl, { max: 4, applicationName: 'atum-test-app', entryProof: entryProof(TEST_SECRET) });
    pools = [t.owner, sql];
    dataDir = await mkdtemp(path.join(tmpdir(), 'atum-data-'));
    const config = loadConfig({ DATABASE_URL: t.db.appUrl, APP_SECRET: TEST_SECRET, PUBLIC_URL: options.publicUrl ?? 'http://atum.test', DATA_DIR: dataDir, ...options.env });
    t.deps = {
      config,
      unscoped: sql,
      kv: createMemoryStore(),
      live: createLiveHub(sql),
      rolePermissions: await loadRolePermissions(sql),
      tokenKeys: tokenKeys(TEST_SECRET, config.publicUrl),
      mailKey: mailSecretKey(config, TEST_SECRET),
      version: VERSION,
    };
    t.app = createApp(t.deps, await lazyRouteTable());
  });
  afterAll(async () => {
    await t.deps?.live.close();
    await Promise.all(pools.map((p) => p.end({ timeout: 5 })));
    await t.deps?.kv.close();
    await t.db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  t.request = (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.as) headers.authorization = init.as.auth;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(t.app.request(path, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) }));
  };
  const sign = async (m: Omit<Member, 'auth'>): Promise<Member> => ({
    ...m,
    auth: `Bearer ${await signAccessToken(t.deps.tokenKeys, { userId: m.userId, orgId: m.orgId, role: m.role })}`,
  });
  t.org = async (slug) => {
    const email = `owner@${slug}.test`;
    const created = await createOrg(t.owner, { slug, name: `Org ${slug}`, adminEmail: email, adminPassword: TEST_PASSWORD });
    return sign({ orgId: created.orgId, userId: created.userId, role: 'owner', email });
  };
  t.member = async (of, role, email) => {
    const [org] = await t.owner<{ slug: string }[]>`select slug from organizations where id = ${of.orgId}`;
    const address = email ?? `${role}${++counter}@${org!.slug}.test`;
    const created = await createMember(t.owner, { orgSlug: org!.slug, email: address, role, password: TEST_PASSWORD });
    return sign({ orgId: created.orgId, userId: created.userId, role, email: address });
  };
  t.speaks = async (who, locale) => {
    await t.owner`update users set locale = ${locale} where id = ${who.userId}`;
  };
  return t;
}
