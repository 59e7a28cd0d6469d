import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '#lib/config.ts';
import { TEST_PASSWORD, TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';

const run = promisify(execFile);
const t = useTestApp();
let owner: Member;

/** Runs the real CLI (`npm run atum -- ...`) against this file's database, as test/cli.test.ts does. */
async function atum(args: string[], ownerUrl = t.db.ownerUrl) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: t.db.appUrl, DATABASE_OWNER_URL: ownerUrl, WORKER_DATABASE_URL: t.db.workerUrl, APP_SECRET: TEST_SECRET };
  return run('node_modules/.bin/tsx', ['lib/cli/index.ts', ...args], { env }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

// Production's owner is no superuser, so FORCEd RLS hides every org's rows from it outside a tenant context.
const plainOwner = `atum_verify_t${randomBytes(3).toString('hex')}`;
afterAll(async () => {
  await t.owner.unsafe(`drop owned by ${plainOwner}`).catch(() => {});
  await t.owner.unsafe(`drop role if exists ${plainOwner}`);
});

beforeAll(async () => {
  owner = await t.org('verify-co');
  await t.org('verify-other');
  const login = (password: string) => t.request('/api/v1/auth/login', { method: 'POST', body: { org: 'verify-co', email: owner.email, password } });
  expect((await login(TEST_PASSWORD)).status).toBe(200);
  expect((await login('not the password')).status).toBe(401);
  expect((await login(TEST_PASSWORD)).status).toBe(200);
});

describe('atum audit verify', () => {
  it('reports every org’s chain intact, with its row count, and exits 0', async () => {
    const [{ n }] = (await t.owner`select count(*)::int as n from audit_log where org_id = ${owner.orgId}`) as unknown as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(4);
    const res = await atum(['audit', 'verify']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`ok verify-co: ${n} rows, chain intact\n`);
    expect(res.stdout).toMatch(/^ok verify-other: 1 row, chain intact$/m);
  });

  it('names the first row changed behind the log’s back, and exits 1', async () => {
    await t.owner.begin(async (tx) => {
      await tx`alter table audit_log disable trigger audit_log_no_update`;
      await tx`update audit_log set details = '{"x":1}' where org_id = ${owner.orgId} and seq = 2`;
      await tx`alter table audit_log enable trigger audit_log_no_update`;
    });
    const [row] = await t.owner<{ action: string; at: Date }[]>`select action, at from audit_log where org_id = ${owner.orgId} and seq = 2`;
    const res = await atum(['audit', 'verify']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`BROKEN verify-co: row 2 (${row!.action} at ${row!.at.toISOString()}) does not match its hash or its predecessor\n`);
    // One broken org does not hide the others.
    expect(res.stdout).toMatch(/^ok verify-other: 1 row, chain intact$/m);
  });

  it('checks only the org given with --org', async () => {
    const other = await atum(['audit', 'verify', '--org', 'verify-other']);
    expect(other).toMatchObject({ code: 0, stdout: 'ok verify-other: 1 row, chain intact\n' });
    const broken = await atum(['audit', 'verify', '--org', 'verify-co']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^BROKEN verify-co: row 2 /);
    const missing = await atum(['audit', 'verify', '--org', 'no-such-org']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('atum: No organization with slug "no-such-org"');
  });

  it('works for an owner role that FORCEd row-level security binds', async () => {
    await t.owner.unsafe(`create role ${plainOwner} login nosuperuser nobypassrls password 'verify-test'`);
    await t.owner.unsafe(`grant usage on schema app to ${plainOwner}`);
    await t.owner.unsafe(`grant select on organizations, audit_log to ${plainOwner}`);
    await t.owner.unsafe(`grant execute on function app.org_ids(), app.org_id_by_slug(text), app.audit_chain_break(uuid) to ${plainOwner}`);
    const res = await atum(['audit', 'verify'], withUser(t.db.ownerUrl, plainOwner, 'verify-test'));
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toMatch(/^BROKEN verify-co: row 2 \(auth\.login /m);
    // Its slug, its row and its count were read under the org's own tenant context.
    expect(res.stdout).toMatch(/^ok verify-other: 1 row, chain intact$/m);
  });
});
