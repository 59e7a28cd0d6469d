/**
 * A worker process for the crash test (test/mail-imap.test.ts): polls one mailbox, and inside
 * the transaction of mail number HOLD_AT (1-based), just before it would commit, prints
 * "HOLDING" and waits forever, so the parent can SIGKILL it with that mail half-filed.
 */
import { entryProof } from '#lib/db/entry-proof.ts';
import { createPool } from '#lib/db/pool.ts';
import { createMemoryStore } from '#lib/kv/memory.ts';
import { pollMailbox } from '#lib/mail/inbound/poll.ts';
import { mailSecretKey } from '#lib/mail/secret-key.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const sql = createPool(env('APP_URL'), { max: 2, applicationName: 'atum-mail-crash-child', entryProof: entryProof(env('APP_SECRET')) });
const holdAt = Number(env('HOLD_AT'));
let seen = 0;
await pollMailbox(
  {
    sql,
    key: mailSecretKey({ mailSecretKey: undefined }, env('APP_SECRET')),
    kv: createMemoryStore(),
    log: (line) => process.stderr.write(`${line}\n`),
    dataDir: env('DATA_DIR'),
    attachmentMaxBytes: 25 * 1024 * 1024,
    mailMaxBytes: 35 * 1024 * 1024,
    autoreplyCapPerHour: 1000,
    beforeCommit: async () => {
      if (++seen === holdAt) {
        process.stdout.write('HOLDING\n');
        await new Promise(() => {});
      }
    },
  },
  env('ORG_ID'),
  env('MAILBOX_ID'),
);
process.stdout.write('DONE\n');
await sql.end();
