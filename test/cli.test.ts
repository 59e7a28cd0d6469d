import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { TEST_SECRET, useTestApp } from './helpers/app.ts';

const run = promisify(execFile);
const t = useTestApp();

/** Runs the real CLI (`npm run atum -- ...`) against this file's database. */
async function atum(args: string[], env: Record<string, string> = {}) {
  const base = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: t.db.appUrl,
    DATABASE_OWNER_URL: t.db.ownerUrl,
    WORKER_DATABASE_URL: t.db.workerUrl,
    APP_SECRET: TEST_SECRET,
  };
  return run('node_modules/.bin/tsx', ['lib/cli/index.ts', ...args], { env: { ...base, ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('the atum CLI', () => {
  it('org create, run twice, gives two orgs whose rows neither can see', async () => {
    const one = await atum(['org', 'create', '--slug', 'cli-one', '--name', 'One', '--admin-email', 'ada@one.test', '--admin-password', 'a long passphrase']);
    const two = await atum(['org', 'create', '--slug', 'cli-two', '--name', 'Two', '--admin-email', 'bob@two.test', '--admin-password', 'another passphrase']);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const a = JSON.parse(one.stdout) as { org: { id: string }; admin: { id: string } };
    const b = JSON.parse(two.stdout) as { org: { id: string }; admin: { id: string } };
    expect(a.org.id).not.toBe(b.org.id);

    const seen = async (org: { org: { id: string }; admin: { id: string } }) =>
      withTenant(t.deps.unscoped, { orgId: org.org.id, userId: org.admin.id, role: 'owner' }, async (tx) => ({
        orgs: (await tx`select slug from organizations`).map((r) => r.slug),
        members: (await tx`select u.email from memberships m join users u on u.id = m.user_id`).map((r) => r.email),
      }));
    expect(await seen(a)).toEqual({ orgs: ['cli-one'], members: ['ada@one.test'] });
    expect(await seen(b)).toEqual({ orgs: ['cli-two'], members: ['bob@two.test'] });
  });

  it('refuses a duplicate slug and a weak password with one line and exit code 1', async () => {
    const dup = await atum(['org', 'create', '--slug', 'cli-one', '--name', 'Again', '--admin-email', 'x@y.test', '--admin-password', 'long enough']);
    expect(dup.code).toBe(1);
    expect(dup.stderr.trim()).toBe('atum: An organization with slug "cli-one" already exists');
    const weak = await atum(['org', 'create', '--slug', 'cli-weak', '--name', 'W', '--admin-email', 'x@y.test', '--admin-password', 'short']);
    expect(weak.stderr.trim()).toBe('atum: --admin-password must be at least 8 characters');
  });

  it('user create adds a member with a role', async () => {
    const res = await atum(['user', 'create', '--org', 'cli-one', '--email', 'cat@one.test', '--role', 'agent', '--password', 'agent passphrase']);
    expect(res.code, res.stderr).toBe(0);
    const [row] = await t.owner`select m.role::text from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id where u.email = 'cat@one.test' and o.slug = 'cli-one'`;
    expect(row!.role).toBe('agent');
  });

  it('stops on a bad setting with one line naming the variable', async () => {
    const res = await atum(['doctor'], { PORT: 'eighty' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe('atum: PORT must be a whole number between 1 and 65535 (got "eighty")');
  });

  it('doctor checks everything and fails while no worker runs', async () => {
    const res = await atum(['doctor']);
    expect(res.stdout).toMatch(/^ok +database\s+reachable$/m);
    expect(res.stdout).toMatch(/^ok +application role\s+not a superuser/m);
    expect(res.stdout).toMatch(/^ok +migrations\s+up to date$/m);
    expect(res.stdout).toMatch(/^FAIL +worker\s+no heartbeat yet/m);
    expect(res.code).toBe(1);
  });

  it('prints the route table', async () => {
    const res = await atum(['routes']);
    expect(res.stdout).toMatch(/^GET\s+\/api\/v1\/users\/:id\s+users\.read\s+functions\/api\/v1\/users\/\[id\]\.get\.ts$/m);
    expect(res.stdout).toMatch(/^PATCH\s+\/api\/v1\/org\s+settings\.manage/m);
  });
});
