/**
 * How vitest.config.ts schedules the test files. Most run two at a time; these groups are the
 * exceptions, each with its reason. test/file-groups.test.ts keeps the lists honest.
 */

/**
 * Run one at a time, after the others: they drive chromium (a whole core each), put the machine
 * under load on purpose, assert a wall-clock budget that a second file on the other core could
 * eat into, or look at the whole server rather than their own database.
 */
export const ONE_AT_A_TIME = [
  'test/browser/**/*.test.ts',
  'test/live-events.test.ts', // counts and cuts the LISTEN connections of the whole server (pg_stat_activity)
  'test/db-outage.test.ts', // 60 s of load against its own PostgreSQL, restarted under it
  'test/custom-field-patterns.test.ts', // a backtracking pattern is answered within 1 s
  'test/sla-calendar-gapless.test.ts', // a per-call budget, and 2 s for an unreachable target
  'test/sla-calendar-bounds.test.ts', // an unreachable SLA target is refused within 5 s
  'test/redis-outage.test.ts', // a sign-in is refused within 1.5 s while Redis is down
  'test/graceful-shutdown.test.ts', // the process exits within 5 s of the last upload
];

/**
 * Files whose run does not depend on which PostgreSQL TEST_DATABASE_URL names: CI's second pass
 * (TEST_SERVER_DEPENDENT_ONLY=1, on the machine's PostgreSQL 15) leaves them out, because the first
 * pass ran exactly the same thing.
 */
export const SAME_ON_EVERY_SERVER = {
  /** No database at all. */
  noDatabase: [
    'test/attachments-lib.test.ts',
    'test/client-ip.test.ts',
    'test/json-body.test.ts',
    'test/kv.test.ts',
    'test/layering.test.ts',
    'test/mail-charset.test.ts',
    'test/password-policy.test.ts',
    'test/qr-svg.test.ts',
    'test/recovery-codes.test.ts',
    'test/router-scan.test.ts',
    'test/sanitize-html.test.ts',
    'test/secret-box.test.ts',
    'test/sla-business-time.test.ts',
    'test/sla-clock.test.ts',
    'test/sla-properties.test.ts',
    'test/system-deps.test.ts',
    'test/throttle.test.ts',
    'test/time-zone.test.ts',
    'test/totp.test.ts',
    'test/upload-temp-sweep.test.ts',
    'test/worker-connect-backoff.test.ts',
  ],
  /** Their own embedded PostgreSQL (test/helpers/own-cluster.ts), whatever TEST_DATABASE_URL says. */
  ownCluster: ['test/db-outage.test.ts', 'test/worker-login-backoff.test.ts', 'test/worker-outage.test.ts'],
  /** Always the machine's PostgreSQL 15, the one pg_dump 15 can dump, in both passes. */
  machineServer: ['test/infra-backup.test.ts'],
};
