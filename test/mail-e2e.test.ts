import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWorker, type WorkerHandle } from '#lib/worker.ts';
import { startDovecot, type Dovecot } from './helpers/dovecot.ts';
import { mailTo, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';
import { useTestApp, type Member } from './helpers/app.ts';

/**
 * The email channel end to end against real servers, both started here: a customer's mail in
 * Dovecot is polled into a ticket, the acknowledgement leaves over SMTP threaded under it, and
 * the customer's reply to that acknowledgement (In-Reply-To our Message-ID, in Dovecot again)
 * lands on the same ticket; the agent's answer is threaded under that reply.
 */
vi.setConfig({ testTimeout: 120_000 });
const t = useTestApp();
let imap: Dovecot;
let smtp: SmtpSink;
let owner: Member;
let worker: WorkerHandle;

beforeAll(async () => {
  imap = await startDovecot();
  smtp = await startSmtpSink();
  owner = await t.org('e2e-mail');
  await imap.addUser('help', 'imap-pw');
  const res = await t.request('/api/v1/mailboxes', {
    method: 'POST',
    as: owner,
    body: {
      name: 'Help',
      from_address: 'help@e2e.test',
      from_name: 'E2E Help',
      imap_host: imap.host,
      imap_port: imap.port,
      imap_security: 'none',
      imap_user: 'help',
      imap_password: 'imap-pw',
      smtp_host: '127.0.0.1',
      smtp_port: smtp.port,
      smtp_security: 'none',
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  worker = await startWorker({ workerUrl: t.db.workerUrl, sql: t.deps.unscoped, config: t.deps.config, mailKey: t.deps.mailKey, concurrency: 2, log: () => {} });
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await imap?.stop();
});

async function deliverToDovecot(raw: string): Promise<void> {
  const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, doSTARTTLS: false, auth: { user: 'help', pass: 'imap-pw' }, logger: false });
  await client.connect();
  await client.append('INBOX', Buffer.from(raw.replace(/\r?\n/g, '\r\n')));
  await client.logout();
}

/** Runs the poller's cron job now (it is due every minute) and waits until `filed` mails are in. */
async function poll(filed: number): Promise<void> {
  await t.owner`select graphile_worker.add_job('mail-poll-due', '{}'::json)`;
  await vi.waitFor(
    async () => {
      const [row] = await t.owner<{ n: number }[]>`select count(*)::int as n from mail_inbound where org_id = ${owner.orgId}`;
      expect(row!.n).toBe(filed);
    },
    { timeout: 30_000, interval: 100 },
  );
}

describe('the email channel, Dovecot → poller → ticket → SMTP → reply → same ticket', () => {
  it('threads a whole conversation through real IMAP and SMTP servers', async () => {
    await deliverToDovecot(
      [
        'From: Carla Customer <carla@example.test>',
        'To: help@e2e.test',
        'Subject: Cannot log in',
        'Message-ID: <carla-1@example.test>',
        'Date: Tue, 1 Dec 2026 03:00:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'My account is locked.',
        '',
      ].join('\n'),
    );
    await poll(1);
    const [ticket] = await t.owner<{ number: number; channel: string }[]>`select number::int, channel::text from tickets where org_id = ${owner.orgId}`;
    expect(ticket).toEqual({ number: 1, channel: 'email' });

    const ack = await mailTo(smtp, 'carla@example.test', 1, 30_000);
    expect(ack.headers.get('subject')).toBe('Cannot log in [#1]');
    expect(ack.headers.get('in-reply-to')).toBe('<carla-1@example.test>');
    expect(ack.headers.get('references')).toBe('<carla-1@example.test>');
    expect(ack.headers.get('reply-to')).toBe('E2E Help <help@e2e.test>');
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
    const ackId = ack.headers.get('message-id')!;
    expect(ackId).toMatch(/^<atum\..+@e2e\.test>$/);

    // Carla answers the acknowledgement from her mail client: In-Reply-To is our Message-ID.
    await deliverToDovecot(
      [
        'From: Carla Customer <carla@example.test>',
        'To: E2E Help <help@e2e.test>',
        'Subject: Re: Cannot log in [#1]',
        'Message-ID: <carla-2@example.test>',
        `In-Reply-To: ${ackId}`,
        `References: <carla-1@example.test> ${ackId}`,
        'Date: Tue, 1 Dec 2026 03:05:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'It says my password expired.',
        '',
      ].join('\n'),
    );
    await poll(2);
    const tickets = await t.owner<{ number: number; messages: string[] }[]>`
      select t.number::int, array_agg(m.body_text order by m.created_at) as messages
      from tickets t join messages m on m.org_id = t.org_id and m.ticket_number = t.number
      where t.org_id = ${owner.orgId} group by t.number`;
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.number).toBe(1);
    expect(tickets[0]!.messages.map((b) => b.trim())).toEqual(['My account is locked.', 'It says my password expired.']);
    const [filed] = await t.owner`select outcome, reason from mail_inbound where org_id = ${owner.orgId} and message_id = 'carla-2@example.test'`;
    expect(filed).toMatchObject({ outcome: 'reply', reason: 'threaded by In-Reply-To/References' });

    // The agent answers in the app: the mail goes out under Carla's latest message.
    const agent = await t.member(owner, 'agent');
    expect((await t.request('/api/v1/tickets/1/messages', { method: 'POST', as: agent, body: { body: 'I have reset it for you.' } })).status).toBe(201);
    const answer = await mailTo(smtp, 'carla@example.test', 2, 30_000);
    expect(answer.headers.get('subject')).toBe('Re: Cannot log in [#1]');
    expect(answer.headers.get('in-reply-to')).toBe('<carla-2@example.test>');
    expect(answer.headers.get('references')).toBe(`<carla-1@example.test> ${ackId} <carla-2@example.test>`);
    expect(answer.decoded).toContain('I have reset it for you.');
    // Nothing else went to Carla: her reply earned no second acknowledgement.
    expect(smtp.mails.filter((m) => m.to.includes('carla@example.test'))).toHaveLength(2);
  });
});
