import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ONE_AT_A_TIME, SAME_ON_EVERY_SERVER } from './file-groups.ts';

/**
 * The lists vitest.config.ts schedules by: a file that CI's second pass leaves out must really not
 * use the server TEST_DATABASE_URL names, or that pass would silently stop testing it.
 */
const source = (file: string) => readFileSync(file, 'utf8');
/** What reaches the suite's shared server: its helpers, the server global setup provides, or the URL. */
const SHARED_SERVER = /useTestApp|createTestDatabase|inject\(|useBrowserApp|helpers\/(app|db|browser-app|test-server)\.ts|process\.env\.TEST_DATABASE_URL/;
/** Any PostgreSQL at all. */
const ANY_DATABASE = /#lib\/db\/|from 'postgres'|from 'pg'/;

describe('test/file-groups.ts', () => {
  it('names files that exist', () => {
    for (const file of Object.values(SAME_ON_EVERY_SERVER).flat()) expect(existsSync(file), file).toBe(true);
    for (const entry of ONE_AT_A_TIME) {
      if (entry === 'test/browser/**/*.test.ts') expect(readdirSync('test/browser').filter((f) => f.endsWith('.test.ts')).length).toBeGreaterThan(0);
      else expect(existsSync(entry), entry).toBe(true);
    }
  });

  it('leaves out of the second pass only files that never use the shared server', () => {
    for (const file of SAME_ON_EVERY_SERVER.noDatabase) {
      expect(source(file), file).not.toMatch(SHARED_SERVER);
      expect(source(file), file).not.toMatch(ANY_DATABASE);
    }
    for (const file of SAME_ON_EVERY_SERVER.ownCluster) {
      expect(source(file), file).toContain("from './helpers/own-cluster.ts'");
      expect(source(file), file).not.toMatch(SHARED_SERVER);
    }
  });

  it("leaves out the backup test because it uses the machine's PostgreSQL in both passes", () => {
    const [backup] = SAME_ON_EVERY_SERVER.machineServer;
    const text = source(backup!);
    expect(text).toContain("process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'");
    expect(text).not.toMatch(/useTestApp|createTestDatabase|inject\(/);
  });
});
