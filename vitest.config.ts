import { configDefaults, defineConfig } from 'vitest/config';
import { ONE_AT_A_TIME, SAME_ON_EVERY_SERVER } from './test/file-groups.ts';

const ALL = ['test/**/*.test.{ts,tsx}'];

// CI's second pass, on the machine's PostgreSQL 15, runs only the files whose outcome depends on
// the server (test/file-groups.ts). Said out loud, so that a left-out file is never a surprise.
const serverDependentOnly = process.env.TEST_SERVER_DEPENDENT_ONLY === '1';
const leftOut = serverDependentOnly ? Object.values(SAME_ON_EVERY_SERVER).flat() : [];
if (serverDependentOnly) {
  console.log(`TEST_SERVER_DEPENDENT_ONLY=1: leaving out ${leftOut.length} files that run the same on any PostgreSQL (test/file-groups.ts SAME_ON_EVERY_SERVER)`);
}

const shared = {
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    // Only the root config's global setup runs, once: both projects read what it provides.
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'two-at-a-time',
          include: ALL,
          exclude: [...configDefaults.exclude, ...ONE_AT_A_TIME, ...leftOut],
          // Most files spend their time waiting (on PostgreSQL, a worker's poll, a timer), so two
          // files share the two cores well; vitest's default would be one (cores - 1).
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'one-at-a-time',
          include: ONE_AT_A_TIME,
          exclude: [...configDefaults.exclude, ...leftOut],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
