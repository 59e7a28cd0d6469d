import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMissing, planFor, systemNeeds, type Lookup } from './helpers/system-deps.ts';
import { freePort } from './helpers/free-port.ts';
import { testServices, withStart } from './helpers/test-services.ts';

/**
 * `npm test`'s set-up step (test/setup-system.ts): what it installs, and that it stops before the
 * first test file, with the one command to run, when it cannot. The checker takes its lookup as an
 * argument, so the "cannot install" paths are tried here without removing anything from the machine.
 */
const run = promisify(execFile);

/** A machine that has exactly `present` (commands on PATH, or absolute paths). */
const machine = (present: string[], sbin: string[] = []): Lookup => ({
  onPath: (command) => (present.includes(command) ? `/usr/bin/${command}` : undefined),
  exists: (file) => present.includes(file) || sbin.some((c) => file === `/usr/sbin/${c}`),
});
const everything = ['/usr/bin/chromium', 'dovecot', 'nginx', 'openssl', 'systemd-notify', 'python3', 'redis-server', 'pg_dump', 'pg_restore', 'psql', 'curl'];
const without = (...gone: string[]) => everything.filter((p) => !gone.includes(p));
const APT = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq';

describe('what npm test installs', () => {
  it('does nothing when every program is there', () => {
    expect(planFor(findMissing(systemNeeds({}), machine(everything)), { root: true, apt: true })).toEqual({ kind: 'ready' });
  });

  it('installs the missing packages, each once, as root with apt-get', () => {
    const missing = findMissing(systemNeeds({}), machine(without('/usr/bin/chromium', 'dovecot', 'pg_dump', 'psql')));
    expect(planFor(missing, { root: true, apt: true })).toEqual({
      kind: 'install',
      packages: ['chromium', 'dovecot-imapd', 'postgresql-client'],
      command: `${APT} chromium dovecot-imapd postgresql-client`,
    });
  });

  it('stops with the one command to run when it is not root, naming what needs each program', () => {
    const plan = planFor(findMissing(systemNeeds({}), machine(without('dovecot', 'systemd-notify'))), { root: false, apt: true });
    expect(plan.kind).toBe('stop');
    const message = plan.kind === 'stop' ? plan.message : '';
    expect(message).toContain(`sudo sh -c '${APT} dovecot-imapd systemd'`);
    expect(message).toContain('dovecot (package dovecot-imapd): the inbound mail tests');
    expect(message).toContain('systemd-notify (package systemd): test/worker-watchdog.test.ts');
  });

  it('stops when there is no apt-get, or TEST_NO_INSTALL=1 forbids installing', () => {
    const missing = findMissing(systemNeeds({}), machine(without('nginx')));
    expect(planFor(missing, { root: true, apt: false })).toMatchObject({ kind: 'stop', message: expect.stringContaining(`apt-get is not here`) });
    expect(planFor(missing, { root: true, apt: true, forbidden: true })).toMatchObject({ kind: 'stop', message: expect.stringContaining('TEST_NO_INSTALL=1 forbids') });
    for (const who of [
      { root: true, apt: false },
      { root: true, apt: true, forbidden: true },
    ]) {
      expect(planFor(missing, who)).toMatchObject({ message: expect.stringContaining(`Run:\n  ${APT} nginx`) });
    }
  });

  it('never installs chromium over a CHROMIUM_PATH that names another build', () => {
    const plan = planFor(findMissing(systemNeeds({ CHROMIUM_PATH: '/opt/chrome/chrome' }), machine(everything)), { root: true, apt: true });
    expect(plan).toMatchObject({ kind: 'stop', message: expect.stringContaining('/opt/chrome/chrome: the browser tests') });
  });

  it('says to widen PATH, not to install, when a program is in /usr/sbin but PATH has no /usr/sbin', () => {
    const plan = planFor(findMissing(systemNeeds({}), machine(without('dovecot', 'nginx'), ['dovecot', 'nginx'])), { root: false, apt: true });
    expect(plan).toEqual({ kind: 'stop', message: expect.stringContaining('export PATH="$PATH:/usr/sbin:/sbin"') });
    expect(plan.kind === 'stop' && plan.message).toContain('/usr/sbin/dovecot, /usr/sbin/nginx are not on PATH');
  });
});

describe('the servers npm test expects', () => {
  const can = { postgresClusters: (port: number) => (port === 5432 ? ['15'] : []), redisServer: true };

  it("starts the machine's PostgreSQL and Redis with the commands .ci/run used, and only on this machine", () => {
    const [pg, redis] = testServices({}).map((s) => withStart(s, can));
    expect(pg!.start).toEqual(['pg_ctlcluster', '--skip-systemctl-redirect', '15', 'main', 'start']);
    expect(redis!.start).toEqual(['redis-server', '--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no']);
    const remote = testServices({ TEST_DATABASE_URL: 'postgres://postgres@db.internal:5432/postgres', REDIS_URL: 'redis://cache.internal:6379' }).map((s) => withStart(s, can));
    expect(remote.map((s) => s.start)).toEqual([undefined, undefined]);
  });
});

describe('test/setup-system.ts as npm test runs it', () => {
  let bin: string;
  beforeAll(async () => {
    // A PATH with node alone: every program the suite needs is missing from it.
    bin = await mkdtemp(path.join(tmpdir(), 'atum-setup-system-'));
    await symlink(process.execPath, path.join(bin, 'node'));
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  const setup = (env: Record<string, string>) =>
    run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'test/setup-system.ts'], { env: { TEST_NO_INSTALL: '1', ...env } }).then(
      (r) => ({ code: 0, err: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
    );

  it('stops at once with the one command when programs are missing and it may not install', async () => {
    const { code, err } = await setup({ PATH: bin, CHROMIUM_PATH: process.execPath });
    expect(code).toBe(1);
    expect(err).toContain('npm test cannot start:');
    // Debian keeps dovecot and nginx in /usr/sbin: where they are installed, a PATH without it is the fix.
    if (existsSync('/usr/sbin/dovecot') || existsSync('/usr/sbin/nginx')) expect(err).toContain('export PATH="$PATH:/usr/sbin:/sbin"');
    else expect(err).toContain('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd nginx openssl systemd python3 redis-server postgresql-client curl');
  });

  it('stops with what to start when a server it needs does not answer', async () => {
    const port = await freePort();
    const { code, err } = await setup({
      PATH: process.env.PATH ?? '',
      TEST_DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    expect(code).toBe(1);
    expect(err).toContain(`PostgreSQL at 127.0.0.1:${port}, for every test file (TEST_DATABASE_URL)`);
  });
});
