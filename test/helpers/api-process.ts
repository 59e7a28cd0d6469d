import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

/** The API running as its own process (`atum start --api-only`), so a crash shows as an exit. */
export interface ApiProcess {
  url: string;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  /** `null` while it runs; the exit code or signal once it has stopped. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /** SIGTERM, then SIGKILL after 15 s; removes its data folder. */
  stop(): Promise<void>;
}

/**
 * Starts the real CLI the way an operator does, with the given environment on top of a minimal
 * one, and waits (polling health, with a deadline) until it answers.
 *
 * @example
 * const api = await startApiProcess({ DATABASE_URL: pg.appUrl, APP_SECRET: secret });
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atum-api-'));
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir };
  const child = spawn('node_modules/.bin/tsx', ['lib/cli/index.ts', 'start', '--api-only'], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const done = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const api: ApiProcess = {
    url,
    output: () => output,
    exited: () => exit,
    async stop() {
      if (!exit) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await done;
        clearTimeout(force);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exit) throw new Error(`The API exited while starting (${JSON.stringify(exit)}):\n${output}`);
    const status = await fetch(`${url}/api/v1/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return api; // "degraded" (no worker here) is 200 too
    if (Date.now() > deadline) {
      await api.stop();
      throw new Error(`The API did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
