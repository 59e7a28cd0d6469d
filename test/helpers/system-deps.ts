import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/** One program the suite runs, and the Debian package that brings it. */
export interface SystemNeed {
  /** A command looked up on PATH, or an absolute path that must exist. */
  program: string;
  pkg: string;
  /** Which tests run it: said when it is missing and cannot be installed. */
  usedBy: string;
}

/**
 * Every program outside node_modules that some test file starts. A fresh Debian 12 lacks most of
 * them; `npm test` installs what is missing before the first file runs (test/setup-system.ts).
 */
export function systemNeeds(env: NodeJS.ProcessEnv): SystemNeed[] {
  return [
    // CHROMIUM_PATH names another build on purpose: installing Debian's would not make it appear.
    { program: env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: env.CHROMIUM_PATH ? '' : 'chromium', usedBy: 'the browser tests (test/browser/)' },
    { program: 'dovecot', pkg: 'dovecot-imapd', usedBy: 'the inbound mail tests (test/helpers/dovecot.ts)' },
    { program: 'nginx', pkg: 'nginx', usedBy: 'test/infra-install.test.ts and test/doctor.test.ts (test/helpers/nginx.ts)' },
    { program: 'openssl', pkg: 'openssl', usedBy: 'the TLS certificates of test/helpers/nginx.ts' },
    { program: 'systemd-notify', pkg: 'systemd', usedBy: 'test/worker-watchdog.test.ts' },
    { program: 'python3', pkg: 'python3', usedBy: 'the NOTIFY_SOCKET reader of test/helpers/notify-socket.ts' },
    { program: 'redis-server', pkg: 'redis-server', usedBy: 'the Redis fault tests (test/helpers/redis-server.ts)' },
    // Debian 12's client is 15, the machine's server: pg_dump refuses a server newer than itself.
    { program: 'pg_dump', pkg: 'postgresql-client', usedBy: 'test/infra-backup.test.ts (infra/backup.sh)' },
    { program: 'pg_restore', pkg: 'postgresql-client', usedBy: 'test/infra-backup.test.ts (infra/restore.sh)' },
    { program: 'psql', pkg: 'postgresql-client', usedBy: 'test/infra-backup.test.ts (infra/backup.sh, restore.sh)' },
    { program: 'curl', pkg: 'curl', usedBy: 'test/doctor-sh.test.ts (infra/doctor.sh)' },
  ];
}

/** How a program is found; tests pass their own to check what happens when something is missing. */
export interface Lookup {
  /** The full path of `command` on PATH, or undefined. */
  onPath(command: string): string | undefined;
  exists(file: string): boolean;
}

export function hostLookup(env: NodeJS.ProcessEnv): Lookup {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return {
    onPath(command) {
      for (const dir of dirs) {
        const file = path.join(dir, command);
        try {
          accessSync(file, constants.X_OK);
          return file;
        } catch {
          // not in this folder
        }
      }
      return undefined;
    },
    exists: existsSync,
  };
}

export interface Missing extends SystemNeed {
  /** Set when the program is installed but outside PATH (a non-root shell has no /usr/sbin). */
  outsidePath?: string;
}

export function findMissing(needs: SystemNeed[], look: Lookup): Missing[] {
  const missing: Missing[] = [];
  for (const need of needs) {
    if (path.isAbsolute(need.program)) {
      if (!look.exists(need.program)) missing.push(need);
      continue;
    }
    if (look.onPath(need.program)) continue;
    const outsidePath = ['/usr/sbin', '/sbin'].map((dir) => path.join(dir, need.program)).find((file) => look.exists(file));
    missing.push(outsidePath ? { ...need, outsidePath } : need);
  }
  return missing;
}

/** What `npm test` does about the missing programs: nothing, install these packages, or stop and say this. */
export type Plan = { kind: 'ready' } | { kind: 'install'; packages: string[]; command: string } | { kind: 'stop'; message: string };

function installCommand(packages: string[], asRoot: boolean): string {
  const apt = `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`;
  return asRoot ? apt : `sudo sh -c '${apt}'`;
}

/**
 * Decides from what is missing and who we are. Installing needs root and apt-get; anything else
 * stops the run before the first file, with the one command that fixes it.
 */
export function planFor(missing: Missing[], who: { root: boolean; apt: boolean; forbidden?: boolean }): Plan {
  if (missing.length === 0) return { kind: 'ready' };
  const lines = missing.map((m) => `  ${m.program}${m.pkg ? ` (package ${m.pkg})` : ''}: ${m.usedBy}`);
  const unreachable = missing.filter((m) => m.outsidePath);
  if (unreachable.length) {
    return {
      kind: 'stop',
      message: `The tests run ${unreachable.map((m) => m.program).join(', ')} by name, but ${unreachable.map((m) => m.outsidePath).join(', ')} ${unreachable.length === 1 ? 'is' : 'are'} not on PATH. Run:\n  export PATH="$PATH:/usr/sbin:/sbin"`,
    };
  }
  const unpackaged = missing.filter((m) => !m.pkg);
  if (unpackaged.length) {
    return {
      kind: 'stop',
      message: `Not found:\n${unpackaged.map((m) => `  ${m.program}: ${m.usedBy}`).join('\n')}\nCHROMIUM_PATH must name a chromium executable; unset it to use Debian's /usr/bin/chromium.`,
    };
  }
  const packages = [...new Set(missing.map((m) => m.pkg))];
  const command = installCommand(packages, who.root);
  if (who.root && who.apt && !who.forbidden) return { kind: 'install', packages, command };
  const why = who.forbidden ? 'TEST_NO_INSTALL=1 forbids installing them' : !who.apt ? "apt-get is not here: install the same packages with this system's package manager" : 'installing needs root';
  return { kind: 'stop', message: `The test suite needs programs this machine does not have, and ${why}:\n${lines.join('\n')}\nRun:\n  ${command}` };
}
