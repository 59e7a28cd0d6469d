import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUploadTempSweeper, sweepUploadTemp } from '#lib/attachments/upload-temp-sweep.ts';

// Issue 13, fault 8: a killed API process leaves DATA_DIR/tmp/upload-* behind; nothing removed them.
let dataDir: string;
let tmp: string;
const HOUR = 3600_000;

async function leave(name: string, ageMs: number): Promise<void> {
  const file = path.join(tmp, name);
  await writeFile(file, 'partial upload');
  const at = new Date(Date.now() - ageMs);
  await utimes(file, at, at);
}

async function until(cond: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'atum-sweep-'));
  tmp = path.join(dataDir, 'tmp');
  await mkdir(tmp);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the upload temp sweep', () => {
  it('removes upload temp files untouched for an hour and keeps fresh ones and other files', async () => {
    await leave('upload-crashed-1', 2 * HOUR);
    await leave('upload-crashed-2', HOUR + 60_000);
    await leave('upload-in-flight', 5_000);
    await leave('not-an-upload', 3 * HOUR);
    expect(await sweepUploadTemp(dataDir)).toBe(2);
    expect((await readdir(tmp)).sort()).toEqual(['not-an-upload', 'upload-in-flight']);
  });

  it('is nothing to do when DATA_DIR has no tmp folder yet', async () => {
    expect(await sweepUploadTemp(path.join(dataDir, 'nowhere'))).toBe(0);
  });

  it('sweeps at start and then on its interval, and logs what it removed', async () => {
    await leave('upload-before-start', 2 * HOUR);
    const lines: string[] = [];
    const stop = startUploadTempSweeper(dataDir, (l) => lines.push(l), { everyMs: 50 });
    try {
      await until(async () => !(await readdir(tmp)).includes('upload-before-start'));
      await leave('upload-later', 2 * HOUR);
      await until(async () => !(await readdir(tmp)).includes('upload-later'));
      expect(await readdir(tmp)).toContain('upload-in-flight');
      expect(lines[0]).toMatch(/^removed 1 abandoned upload temp file\(s\) from .*\/tmp$/);
    } finally {
      stop();
    }
  });
});
