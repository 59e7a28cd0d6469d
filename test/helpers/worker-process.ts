import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_SECRET } from './app.ts';

export interface WorkerProcess {
  /** Everything it printed so far (stdout and stderr together). */
  output(): string;
  /** Null while it runs; its exit code or signal once it stopped. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /** SIGTERM, then waits for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
  /** SIGKILL to tsx and its node child (a crash, an OOM kill), then waits for the exit. */
  kill(): Promise<void>;
}

/**
 * The real `atum worker` command (what atum-worker.service runs) as a child process, so that a
 * crash is observable as an exit instead of taking the test runner with it.
 *
 * @example
 * const worker = await spawnWorker({ DATABASE_URL: appUrl, WORKER_DATABASE_URL: workerUrl });
 */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atum-worker-data-'));
  const child = spawn('node_modules/.bin/tsx', ['lib/cli/index.ts', 'worker'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', APP_SECRET: TEST_SECRET, DATA_DIR: dataDir, PUBLIC_URL: 'http://atum.test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so that kill() reaches tsx's node child too.
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return {
    output: () => out,
    exit: () => exit,
    async stop() {
      if (!exit) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
    async kill() {
      killGroup('SIGKILL');
      await exited;
    },
  };
}
