import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const FIX = 'run `npx patch-package` (npm ci runs it as postinstall) so that patches/postgres+3.4.10.patch is applied';

/** Runs one fault of test/fixtures/postgres-driver-faults.ts in its own process. */
async function fault(which: 'reserved' | 'types'): Promise<{ code: number; out: Record<string, string>; stderr: string }> {
  const args = ['test/fixtures/postgres-driver-faults.ts', inject('pg').serverUrl, which];
  const result = await run('node_modules/.bin/tsx', args, { timeout: 15_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number | null; signal?: string; stdout: string; stderr: string }) => ({ code: e.code ?? -1, stdout: e.stdout, stderr: `${e.signal ?? ''} ${e.stderr}` }),
  );
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return { code: result.code, out: line.startsWith('{') ? (JSON.parse(line) as Record<string, string>) : {}, stderr: result.stderr };
}

/**
 * The installed postgres.js must carry our patch (patches/postgres+3.4.10.patch): without it one
 * dropped connection ends the API process (issue 13). A `npm ci` that skipped the patch fails here.
 */
describe('the patched postgres.js driver', () => {
  it('is the patched one, in both the ESM and the CommonJS build', async () => {
    for (const file of ['node_modules/postgres/src/connection.js', 'node_modules/postgres/cjs/src/connection.js']) {
      const text = await readFile(file, 'utf8');
      expect(text.match(/atum-desk patch/g)?.length ?? 0, `${file} is not patched: ${FIX}`).toBe(4);
      expect(text, `${file}: ${FIX}`).toContain('return fetchArrayTypes().catch(noop)');
    }
  });

  // Both ways a terminated backend's close can arrive (a clean FIN or an RST) occur at random
  // on Linux, so the reproduction runs a few times.
  it('settles queries on a reserved connection whose backend was terminated, without crashing (porsager/postgres#1208)', async () => {
    for (let i = 0; i < 4; i++) {
      const { code, out, stderr } = await fault('reserved');
      expect(code, `the process crashed or hung: ${stderr}\n${FIX}`).toBe(0);
      expect(['CONNECTION_CLOSED', 'ECONNRESET', '57P01']).toContain(out.first);
      expect(out.second).toBe('CONNECTION_CLOSED');
    }
  });

  it('survives the failure of its own array-types query when a connection opens (porsager/postgres#1192)', async () => {
    const { code, out, stderr } = await fault('types');
    expect(code, `the process crashed: ${stderr}\n${FIX}`).toBe(0);
    expect(['57014', 'ok']).toContain(out.first); // cancelled by the 1 ms statement_timeout, or fast enough
  });
});
