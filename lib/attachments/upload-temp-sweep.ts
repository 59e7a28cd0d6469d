import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** An upload's temp file untouched for this long belongs to no live request: a request writes as bytes arrive. */
const UPLOAD_TEMP_MAX_AGE_MS = 60 * 60_000;
/** How often a running API process sweeps again. */
const UPLOAD_TEMP_SWEEP_EVERY_MS = 60 * 60_000;

/**
 * The folder uploads stream into before they are stored (lib/router/endpoint.ts), under DATA_DIR
 * so that storing is a rename on one filesystem.
 */
function uploadTempDir(dataDir: string): string {
  return path.join(dataDir, 'tmp');
}

/**
 * Removes `upload-*` temp files not written to for `maxAgeMs`: what a killed or crashed process
 * left of its in-flight uploads. Age, not ownership, decides, so several API processes on one
 * DATA_DIR can sweep at any time without touching each other's running uploads. Answers how
 * many files went; a missing folder is nothing to sweep.
 *
 * @example
 * const removed = await sweepUploadTemp('/var/lib/atum'); // 12 after a crash mid-upload, an hour on
 */
export async function sweepUploadTemp(dataDir: string, opts: { maxAgeMs?: number; now?: number } = {}): Promise<number> {
  const dir = uploadTempDir(dataDir);
  const cutoff = (opts.now ?? Date.now()) - (opts.maxAgeMs ?? UPLOAD_TEMP_MAX_AGE_MS);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith('upload-')) continue;
    const file = path.join(dir, name);
    // Stored or removed by its request since readdir: nothing to do.
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.mtimeMs > cutoff) continue;
    await rm(file, { force: true });
    removed++;
  }
  return removed;
}

/**
 * Sweeps once now and then every `everyMs` (default hourly) for as long as the process runs;
 * the returned function stops it. A failed sweep is logged and tried again next time.
 *
 * @example
 * const stop = startUploadTempSweeper(config.dataDir, log);
 */
export function startUploadTempSweeper(dataDir: string, log: (line: string) => void, opts: { everyMs?: number; maxAgeMs?: number } = {}): () => void {
  // biome-ignore lint/correctness/noUnusedVariables: read by `??=`, so a slow sweep is never started twice
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= sweepUploadTemp(dataDir, { maxAgeMs: opts.maxAgeMs })
      .then(
        (n) => {
          if (n > 0) log(`removed ${n} abandoned upload temp file(s) from ${uploadTempDir(dataDir)}`);
        },
        (err: Error) => log(`upload temp sweep failed: ${err.message}`),
      )
      .finally(() => {
        running = undefined;
      });
  };
  sweep();
  const timer = setInterval(sweep, opts.everyMs ?? UPLOAD_TEMP_SWEEP_EVERY_MS);
  timer.unref();
  return function stopUploadTempSweeper() {
    clearInterval(timer);
  };
}
