import { spawn } from 'node:child_process';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backoffSeconds } from '#lib/mail/inbound/poll-state.ts';
import { pollMailbox, type PollOptions } from '#lib/mail/inbound/poll.ts';
import { startWorker } from '#lib/worker.ts';
import { startDovecot, type Dovecot } from './helpers/dovecot.ts';
import { TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

/**
 * Inbound mail end to end against a real Dovecot (started here, see helpers/dovecot.ts): mail
 * appended over IMAP becomes tickets and replies through the worker; a worker killed in the
 * middle of a batch loses and doubles nothing; a wrong password is one failing status with a
 * growing retry interval and one log line.
 */
// Real servers and a real child process on a shared 2-core machine: generous limits, no sleeps.
vi.setConfig({ testTimeout: 120_000 });
const t = useTestApp();
let imap: Dovecot;
let owner: Member;

beforeAll(async () => {
  imap = await startDovecot();
  owner = await t.org('imap-e2e');
});
afterAll(async () => {
  await imap?.stop();
});

/** A Dovecot account and a mailbox reading it, made through the admin API. */
async function mailboxFor(user: string, password = 'imap-pw', from = `${user}@imap.test`): Promise<string> {
  await imap.addUser(user, password);
  const res = await t.request('/api/v1/mailboxes', {
    method: 'POST',
    as: owner,
    body: { name: user, from_address: from, imap_host: imap.host, imap_port: imap.port, imap_security: 'none', imap_user: user, imap_password: password },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ id: string }>(res)).id;
}

async function append(user: string, messages: string[], password = 'imap-pw'): Promise<void> {
  const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
  await client.connect().catch((err: { responseText?: string; message: string }) => {
    throw new Error(`IMAP login of ${user} failed: ${err.responseText ?? err.message}`);
  });
  for (const m of messages) {
    await client.append('INBOX', Buffer.from(m.replace(/\r?\n/g, '\r\n'))).catch((err: { responseText?: string; executedCommand?: string; message: string }) => {
      throw new Error(`IMAP APPEND for ${user} failed: ${err.responseText ?? err.message}`);
    });
  }
  await client.logout();
}

const mail = (id: string, subject: string, body: string, extra = '', from = 'Customer <customer@example.test>') =>
  `From: ${from}\nTo: help@imap.test\nSubject: ${subject}\nMessage-ID: <${id}>\nDate: Tue, 1 Dec 2026 03:00:00 +0000\n${extra}Content-Type: text/plain; charset=utf-8\n\n${body}\n`;

function options(log: (line: string) => void = () => {}): PollOptions {
  return {
    sql: t.deps.unscoped,
    key: t.deps.mailKey,
    kv: t.deps.kv,
    log,
    dataDir: t.deps.config.dataDir,
    attachmentMaxBytes: t.deps.config.attachmentMaxBytes,
    mailMaxBytes: t.deps.config.mailMaxBytes,
    autoreplyCapPerHour: 1000,
  };
}

describe('inbound mail from a real IMAP server', () => {
  it('turns new mail into tickets and replies through the worker (cron → due mailboxes → poll job)', async () => {
    const box = await mailboxFor('help');
    await append('help', [
      mail('first@example.test', 'Cannot log in', 'My account is locked.'),
      mail('second@example.test', 'Re: Cannot log in', 'Still locked, please hurry.', 'In-Reply-To: <first@example.test>\nReferences: <first@example.test>\n'),
      mail('third@example.test', 'Another topic', 'New question.'),
    ]);
    const worker = await startWorker({ workerUrl: t.db.workerUrl, sql: t.deps.unscoped, config: t.deps.config, mailKey: t.deps.mailKey, concurrency: 2, log: () => {} });
    try {
      await t.owner`select graphile_worker.add_job('mail-poll-due', '{}'::json)`;
      await vi.waitFor(
        async () => {
          const [n] = await t.owner`select count(*)::int as n from mail_inbound where mailbox_id = ${box}`;
          expect(n).toEqual({ n: 3 });
        },
        { timeout: 20_000, interval: 100 },
      );
    } finally {
      await worker.stop();
    }
    const tickets = await t.owner<{ number: string; subject: string; channel: string; messages: number; requester: string }[]>`
      select t.number::text, t.subject, t.channel::text, (select count(*)::int from messages m where m.org_id = t.org_id and m.ticket_number = t.number) as messages, u.email as requester
      from tickets t join users u on u.id = t.requester_id where t.org_id = ${owner.orgId} order by t.number`;
    expect(tickets).toEqual([
      { number: '1', subject: 'Cannot log in', channel: 'email', messages: 2, requester: 'customer@example.test' },
      { number: '2', subject: 'Another topic', channel: 'email', messages: 1, requester: 'customer@example.test' },
    ]);
    const [progress] = await t.owner`select last_uid::int, uidvalidity is not null as has_uidvalidity, status::text, last_polled_at is not null as polled from mailboxes where id = ${box}`;
    expect(progress).toEqual({ last_uid: 3, has_uidvalidity: true, status: 'ok', polled: true });
    // A second run finds nothing new.
    expect(await pollMailbox(options(), owner.orgId, box)).toEqual({ filed: 0, more: false });
  });

  it('files every mail exactly once when the worker is SIGKILLed in the middle of a batch', async () => {
    const box = await mailboxFor('crash');
    const ids = Array.from({ length: 10 }, (_, i) => `crash-${i + 1}@example.test`);
    await append(
      'crash',
      ids.map((id, i) => mail(id, `Crash test ${i + 1}`, `Mail number ${i + 1}.`)),
    );
    // node itself, not the tsx wrapper: the wrapper runs the script in a grandchild that a SIGKILL would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/mail-poll-child.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        APP_URL: t.db.appUrl,
        APP_SECRET: TEST_SECRET,
        DATA_DIR: t.deps.config.dataDir,
        ORG_ID: owner.orgId,
        MAILBOX_ID: box,
        HOLD_AT: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('HOLDING')) resolve();
      });
      child.once('exit', () => reject(new Error(`the child exited before holding: ${out} ${stderr}`)));
    });
    // Mail 4 is filed inside an open transaction (its ticket row exists, uncommitted): kill now.
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const [mid] = await t.owner`select last_uid::int from mailboxes where id = ${box}`;
    expect(mid).toEqual({ last_uid: 3 });
    expect(await t.owner`select count(*)::int as n from tickets where org_id = ${owner.orgId} and subject like 'Crash test %'`).toEqual([{ n: 3 }]);

    // The restarted worker (the same poll, as the next due run does) takes over.
    await vi.waitFor(
      async () => {
        // The killed backend's transaction is rolled back once PostgreSQL notices the lost client; until then mail 4's row lock blocks.
        const [left] = await t.owner`select count(*)::int as n from pg_stat_activity where application_name = 'atum-mail-crash-child' and state <> 'idle'`;
        expect(left).toEqual({ n: 0 });
      },
      { timeout: 20_000, interval: 100 },
    );
    const result = await pollMailbox(options(), owner.orgId, box);
    expect(result).toEqual({ filed: 7, more: false });
    const rows = await t.owner<{ subject: string; n: number }[]>`
      select t.subject, count(*)::int as n from tickets t join messages m on m.org_id = t.org_id and m.ticket_number = t.number
      where t.org_id = ${owner.orgId} and t.subject like 'Crash test %' group by t.subject order by min(t.number)`;
    expect(rows).toEqual(ids.map((_, i) => ({ subject: `Crash test ${i + 1}`, n: 1 })));
    const [inbound] = await t.owner`select count(*)::int as n, count(distinct message_id)::int as distinct_ids from mail_inbound where mailbox_id = ${box}`;
    expect(inbound).toEqual({ n: 10, distinct_ids: 10 });
  });

  it('a wrong password: one failing status, a growing retry interval, one log line; fixed, one line more', async () => {
    const box = await mailboxFor('locked', 'right-password');
    const res = await t.request(`/api/v1/mailboxes/${box}`, { method: 'PATCH', as: owner, body: { imap_password: 'wrong-password' } });
    expect(res.status).toBe(200);
    const lines: string[] = [];
    const intervals: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const result = await pollMailbox(
        options((l) => lines.push(l)),
        owner.orgId,
        box,
      );
      expect(result.error).toMatch(/^IMAP login failed/);
      const [row] = await t.owner<{ status: string; consecutive_failures: number; wait: number }[]>`
        select status::text, consecutive_failures, round(extract(epoch from next_try_at - now()))::int as wait from mailboxes where id = ${box}`;
      expect(row).toMatchObject({ status: 'failing', consecutive_failures: attempt });
      intervals.push(row!.wait);
      // Not due yet: a run now does nothing (and logs nothing).
      expect(
        await pollMailbox(
          options((l) => lines.push(l)),
          owner.orgId,
          box,
        ),
      ).toMatchObject({ filed: 0, skipped: expect.stringMatching(/^not due/) });
      await t.owner`update mailboxes set next_try_at = now() where id = ${box}`;
    }
    expect(intervals.map((s, i) => Math.abs(s - backoffSeconds(i + 1)) <= 2)).toEqual(intervals.map(() => true));
    expect(intervals).toEqual([...intervals].sort((x, y) => x - y));
    expect(intervals[0]).toBeLessThan(intervals[5]!);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/mailbox "locked" .* is failing: IMAP login failed/);

    // Seen by admins, health and doctor's function.
    const shown = await json<{ status: string; last_error: string; next_try_at: string; consecutive_failures: number }>(await t.request(`/api/v1/mailboxes/${box}`, { as: owner }));
    expect(shown).toMatchObject({ status: 'failing', last_error: expect.stringMatching(/^IMAP login failed/), consecutive_failures: 6 });
    const health = await json<{ status: string; mail: { failing_mailboxes: number } }>(await t.request('/api/v1/health'));
    expect(health).toMatchObject({ status: 'degraded', mail: { failing_mailboxes: 1 } });

    // The right password is tried at once and clears the failure, with one more line.
    expect((await t.request(`/api/v1/mailboxes/${box}`, { method: 'PATCH', as: owner, body: { imap_password: 'right-password' } })).status).toBe(200);
    expect(
      await pollMailbox(
        options((l) => lines.push(l)),
        owner.orgId,
        box,
      ),
    ).toEqual({ filed: 0, more: false });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/mailbox "locked" .* works again after 6 failed attempts/);
    expect(await json<{ status: string; last_error: null }>(await t.request(`/api/v1/mailboxes/${box}`, { as: owner }))).toMatchObject({ status: 'ok', last_error: null });
  });
});
