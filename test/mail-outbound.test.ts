import type { JobHelpers } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { saveMailbox } from '#lib/mail/mailboxes.ts';
import { notifyTransitions } from '#lib/sla/notify.ts';
import { createPool } from '#lib/db/pool.ts';
import { entryProof } from '#lib/db/entry-proof.ts';
import { claimOutboxRow, deliverOutboxRow } from '#lib/mail/outbound/deliver.ts';
import { startWorker, type WorkerHandle } from '#lib/worker.ts';
import { mailSend } from '#worker/mail-send.ts';
import { mailSendSweep } from '#worker/mail-send-sweep.ts';
import { TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';
import { mailTo, startSmtpSink, type CapturedMail } from './helpers/smtp-sink.ts';
import { json } from './helpers/json-response.ts';

// A real SMTP server, started before the app so SMTP_URL can point at it (system mail).
const smtp = await startSmtpSink();
const t = useTestApp({
  env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'ATUM DESK <desk@atum.test>', MAIL_RETRY_BASE_SECONDS: '1', MAIL_MAX_ATTEMPTS: '3' },
});
const helpers = { logger: { info: () => {}, warn: () => {}, error: () => {} } } as unknown as JobHelpers;
let owner: Member;
let agent: Member;
let worker: WorkerHandle | undefined;

const mailKey = () => t.deps.mailKey;
const workerDeps = () => ({ sql: t.deps.unscoped, config: t.deps.config, mailKey: mailKey() });

const outboxOf = (number: number) => t.owner<{ id: string; kind: string; state: string; attempts: number; message_id: string | null; last_error: string | null }[]>`
  select id, kind, state, attempts, message_id, last_error from outbox where org_id = ${owner.orgId} and ticket_number = ${number} order by created_at`;

async function newTicket(email: string, subject = 'Printer on fire'): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: agent, body: { subject, body: 'It is really hot.', requester: { email, name: 'Cara Customer' } } });
  expect(res.status).toBe(201);
  return (await json<{ number: number }>(res)).number;
}

/**
 * A ticket the way the inbound side files one, all in one transaction: ticket, first message
 * and the inbound Message-ID (with its suppress flag), so the acknowledgement's trigger sees them.
 */
async function inboundTicket(email: string, messageId: string, suppress: boolean): Promise<number> {
  return t.owner.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${owner.orgId}, true), set_config('app.role', 'admin', true)`;
    const [u] = await tx<{ id: string }[]>`select app.ensure_requester(${email}, 'Ian Inbound', null) as id`;
    const [row] = await tx<{ number: string }[]>`
      insert into tickets (org_id, number, subject, channel, requester_id) values (${owner.orgId}, app.next_ticket_number(${owner.orgId}), 'By mail', 'email', ${u!.id})
      returning number::text`;
    await tx`insert into messages (org_id, ticket_number, author_id, body_text, channel) values (${owner.orgId}, ${row!.number}, ${u!.id}, 'Hello by mail', 'email')`;
    await tx`
      insert into mail_message_ids (org_id, message_id, ticket_number, direction, mailbox_id, suppress_autoreply, auto_reason)
      values (${owner.orgId}, ${messageId}, ${row!.number}, 'in', (select id from mailboxes where org_id = ${owner.orgId}), ${suppress}, ${suppress ? 'auto_submitted' : null})`;
    return Number(row!.number);
  });
}

beforeAll(async () => {
  owner = await t.org('mail-co');
  agent = await t.member(owner, 'agent', 'agent@mail-co.test');
  await t.owner`
    insert into mailboxes (org_id, name, smtp_host, smtp_port, smtp_security, from_address, from_name, signature)
    values (${owner.orgId}, 'Support', '127.0.0.1', ${smtp.port}, 'none', 'help@mail-co.test', 'Mail Co Support', 'The Mail Co team')`;
});

afterAll(async () => {
  await worker?.stop();
  await smtp.close();
});

describe('outbound mail through a real SMTP server', () => {
  beforeAll(async () => {
    worker = await startWorker({ workerUrl: t.db.workerUrl, ...workerDeps(), concurrency: 2, log: () => {} });
  });
  afterAll(async () => {
    await worker?.stop();
    worker = undefined;
  });

  it('acknowledges a new API ticket to its requester: our Message-ID, subject tag, Reply-To, Auto-Submitted', async () => {
    const number = await newTicket('cara@customer.test');
    const mail = await mailTo(smtp, 'cara@customer.test');
    const h = mail.headers;
    expect(h.get('subject')).toBe(`Printer on fire [#${number}]`);
    expect(h.get('from')).toBe('Mail Co Support <help@mail-co.test>');
    expect(h.get('reply-to')).toBe('Mail Co Support <help@mail-co.test>');
    expect(h.get('auto-submitted')).toBe('auto-replied');
    expect(h.get('x-auto-response-suppress')).toBe('All');
    expect(h.get('message-id')).toMatch(/^<atum\.[0-9a-f-]{36}@mail-co\.test>$/);
    expect(h.has('in-reply-to')).toBe(false);
    expect(mail.decoded).toContain(`as ticket #${number}`);
    expect(mail.decoded).toContain('The Mail Co team');
    expect(mail.decoded).toContain(`http://atum.test/portal/tickets/${number}`);
    await vi.waitFor(async () => expect((await outboxOf(number))[0]).toMatchObject({ kind: 'ticket_acknowledgement', state: 'sent', attempts: 1 }));
    const [row] = await outboxOf(number);
    expect(`<${row!.message_id}>`).toBe(h.get('message-id'));
    const ids = await t.owner`select direction, ticket_number::int as n from mail_message_ids where org_id = ${owner.orgId} and message_id = ${row!.message_id}`;
    expect(ids).toEqual([{ direction: 'out', n: number }]);
    // A bounce the inbound side records against that Message-ID shows in the outbox list.
    await t.owner`update mail_message_ids set bounced_at = now(), bounce_status = '5.1.1', bounce_diagnostic = 'no such user' where message_id = ${row!.message_id}`;
    const listed = await json<{ items: { id: string; state: string; bounce_status: string | null }[] }>(await t.request('/api/v1/mail/outbox?state=sent', { as: owner }));
    expect(listed.items.find((i) => i.id === row!.id)).toMatchObject({ state: 'sent', bounce_status: '5.1.1' });
  });

  it('threads the acknowledgement of a mailed-in ticket under the customer’s message', async () => {
    const number = await inboundTicket('ian@customer.test', 'CAF123@mail.customer.test', false);
    const h = (await mailTo(smtp, 'ian@customer.test')).headers;
    expect(h.get('in-reply-to')).toBe('<CAF123@mail.customer.test>');
    expect(h.get('references')).toBe('<CAF123@mail.customer.test>');
    expect(h.get('subject')).toBe(`By mail [#${number}]`);
  });

  it('never acknowledges automatic inbound mail (the inbound side’s suppress flag)', async () => {
    const number = await inboundTicket('bot@customer.test', 'auto-1@mail.customer.test', true);
    // A public reply afterwards is mailed: once it has arrived, an acknowledgement would have come first.
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: agent, body: { body: 'A human answers.' } });
    await mailTo(smtp, 'bot@customer.test');
    expect(smtp.mails.filter((m) => m.to.includes('bot@customer.test'))).toHaveLength(1);
    expect((await outboxOf(number)).map((r) => r.kind)).toEqual(['ticket_reply']);
  });

  it('sends a public agent reply threaded under the previous message, escaped in HTML; an internal note sends nothing', async () => {
    const number = await newTicket('dora@customer.test', 'Cannot log in');
    const ack = await mailTo(smtp, 'dora@customer.test');
    const note = await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: agent, body: { body: 'Internal: she is a VIP', internal: true } });
    expect(note.status).toBe(201);
    const reply = await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: agent, body: { body: 'Try <b>this</b> link' } });
    expect(reply.status).toBe(201);
    const mail = await mailTo(smtp, 'dora@customer.test', 2);
    expect(mail.headers.get('in-reply-to')).toBe(ack.headers.get('message-id'));
    expect(mail.headers.get('references')).toBe(ack.headers.get('message-id'));
    expect(mail.headers.get('subject')).toBe(`Re: Cannot log in [#${number}]`);
    expect(mail.headers.has('auto-submitted')).toBe(false);
    expect(mail.decoded).toContain('Try <b>this</b> link');
    expect(mail.decoded).toContain('Try &lt;b&gt;this&lt;/b&gt; link');
    expect(mail.decoded).not.toContain('VIP');
    expect((await outboxOf(number)).map((r) => r.kind)).toEqual(['ticket_acknowledgement', 'ticket_reply']);
    // A second reply chains both earlier ids.
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: agent, body: { body: 'Did it work?' } });
    const third = await mailTo(smtp, 'dora@customer.test', 3);
    expect(third.headers.get('in-reply-to')).toBe(mail.headers.get('message-id'));
    expect(third.headers.get('references')).toBe(`${ack.headers.get('message-id')} ${mail.headers.get('message-id')}`);
  });

  it('tells an agent about an assignment, marked auto-generated, not threaded with the customer', async () => {
    const other = await t.member(owner, 'agent', 'assignee@mail-co.test');
    const number = await newTicket('erin@customer.test');
    await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: agent, body: { assignee_id: other.userId } });
    const mail = await mailTo(smtp, 'assignee@mail-co.test');
    expect(mail.headers.get('subject')).toBe(`Ticket #${number} assigned to you: Printer on fire`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.has('reply-to')).toBe(false);
    // Assigning oneself sends nothing.
    const mine = await newTicket('fred@customer.test');
    await t.request(`/api/v1/tickets/${mine}`, { method: 'PATCH', as: agent, body: { assignee_id: agent.userId } });
    expect((await outboxOf(mine)).map((r) => r.kind)).toEqual(['ticket_acknowledgement']);
  });

  it('sends the SLA alerts that lib/sla writes to the outbox, to the assignee, as automatic mail outside the customer thread', async () => {
    const lead = await t.member(owner, 'agent', 'sla-agent@mail-co.test');
    const number = await newTicket('kim@customer.test', 'Slow answer');
    await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: agent, body: { assignee_id: lead.userId } });
    await withTenant(t.deps.unscoped, { orgId: owner.orgId, userId: null, role: 'admin' }, (tx) =>
      notifyTransitions(tx, owner.orgId, [{ number: String(number), metric: 'resolution', kind: 'breached', dueAt: new Date(), policyId: '00000000-0000-0000-0000-000000000000' }]),
    );
    let alert: CapturedMail | undefined;
    await vi.waitFor(
      () => {
        alert = smtp.mails.find((m) => m.to.includes('sla-agent@mail-co.test') && m.headers.get('subject')?.includes('target was missed'));
        expect(alert).toBeDefined();
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(alert!.headers.get('subject')).toBe(`Ticket #${number}: the resolution target was missed`);
    expect(alert!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(alert!.headers.has('in-reply-to')).toBe(false);
    expect(alert!.headers.has('reply-to')).toBe(false);
    const sent = () => t.owner<{ state: string; message_id: string }[]>`
      select state, message_id from outbox where org_id = ${owner.orgId} and ticket_number = ${number} and kind = 'sla_breach'`;
    // The SMTP server has it; the worker records that a moment later.
    await vi.waitFor(async () => expect((await sent())[0]?.state).toBe('sent'));
    const [row] = await sent();
    const [id] = await t.owner`select ticket_number from mail_message_ids where message_id = ${row!.message_id}`;
    expect(id).toEqual({ ticket_number: null });
  });

  it('sends system mail (an invitation) through SMTP_URL as MAIL_FROM', async () => {
    const res = await t.request('/api/v1/invitations', { method: 'POST', as: owner, body: { email: 'newbie@mail-co.test', role: 'agent' } });
    expect(res.status).toBe(201);
    const mail = await mailTo(smtp, 'newbie@mail-co.test');
    expect(mail.headers.get('from')).toBe('ATUM DESK <desk@atum.test>');
    expect(mail.headers.get('message-id')).toMatch(/@atum\.test>$/);
    expect(mail.decoded).toContain('/invite?token=');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it("words the mail with the org's own template, every value HTML-escaped", async () => {
    const saved = await t.request('/api/v1/mail/templates', {
      method: 'POST',
      as: owner,
      body: { key: 'ticket_acknowledgement', subject: 'We got: {{ticket.subject}}', body_text: 'Ticket {{ticket.number}} for {{requester.name}}', body_html: '<h1>{{ticket.subject}}</h1>' },
    });
    expect(saved.status).toBe(201);
    try {
      const number = await newTicket('ivy@customer.test', '<script>alert(1)</script> & more');
      const mail = await mailTo(smtp, 'ivy@customer.test');
      expect(mail.headers.get('subject')).toBe(`We got: <script>alert(1)</script> & more [#${number}]`);
      expect(mail.decoded).toContain(`Ticket ${number} for Cara Customer`);
      expect(mail.decoded).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</h1>');
    } finally {
      await t.request(`/api/v1/mail/templates/${(await json<{ id: string }>(saved)).id}`, { method: 'DELETE', as: owner });
    }
  });

  it('logs in to a mailbox’s SMTP server with its sealed password', async () => {
    const secured = await startSmtpSink({ auth: { user: 'desk', pass: 's3cret pass' } });
    try {
      const org = await t.org('mail-auth-co');
      const staff = await t.member(org, 'agent');
      await withTenant(t.deps.unscoped, { orgId: org.orgId, userId: org.userId, role: 'owner' }, (tx) =>
        saveMailbox(tx, t.deps.mailKey, org.orgId, null, {
          name: 'Secured',
          smtp_host: '127.0.0.1',
          smtp_port: secured.port,
          smtp_security: 'none',
          smtp_user: 'desk',
          smtp_password: 's3cret pass',
          from_address: 'help@auth.test',
        }),
      );
      const [stored] = await t.owner<{ sealed: string }[]>`select smtp_password_sealed as sealed from mailboxes where org_id = ${org.orgId}`;
      expect(stored!.sealed).not.toContain('s3cret');
      await t.request('/api/v1/tickets', { method: 'POST', as: staff, body: { subject: 'Secure', body: 'x', requester: { email: 'jo@customer.test' } } });
      await vi.waitFor(() => expect(secured.mails.map((m) => m.to)).toEqual([['jo@customer.test']]), { timeout: 20_000, interval: 50 });
    } finally {
      await secured.close();
    }
  });

  it('retries a refused message with growing waits, then marks it failed with the error', async () => {
    smtp.refuse('data', 451, 'Mailbox busy, try later');
    const before = smtp.dataAttempts;
    try {
      const number = await newTicket('gina@customer.test');
      await vi.waitFor(async () => expect((await outboxOf(number))[0]?.state).toBe('failed'), { timeout: 30_000, interval: 200 });
      const [row] = await t.owner<{ attempts: number; last_error: string; failed_at: Date | null }[]>`
        select attempts, last_error, failed_at from outbox where org_id = ${owner.orgId} and ticket_number = ${number}`;
      expect(row).toMatchObject({ attempts: 3 });
      expect(row!.failed_at).not.toBeNull();
      expect(row!.last_error).toContain('451');
      expect(row!.last_error).toContain('mailbox "Support"');
      expect(smtp.dataAttempts - before).toBe(3);
      // MAIL_RETRY_BASE_SECONDS=1: the second try waits at least 1 s, the third at least 2 s.
      const [t1, t2, t3] = smtp.dataAttemptTimes.slice(-3) as [number, number, number];
      expect(t2 - t1).toBeGreaterThanOrEqual(1000);
      expect(t3 - t2).toBeGreaterThanOrEqual(2000);
    } finally {
      smtp.refuse(null);
    }
    expect(smtp.mails.some((m) => m.to.includes('gina@customer.test'))).toBe(false);
  });

  it('fails at once when the server refuses the recipient for good (5xx at RCPT)', async () => {
    smtp.refuse('rcpt', 550, 'No such user here');
    try {
      const number = await newTicket('nobody@customer.test');
      await vi.waitFor(async () => expect((await outboxOf(number))[0]?.state).toBe('failed'), { timeout: 20_000, interval: 100 });
      const [row] = await outboxOf(number);
      expect(row).toMatchObject({ attempts: 1 });
      expect(row!.last_error).toContain('550');
    } finally {
      smtp.refuse(null);
    }
  });
});

describe('the crash window between SMTP acceptance and marking sent', () => {
  it('reports a message stuck in sending as possibly sent, never re-sends it by itself, and an admin resend keeps its Message-ID', async () => {
    // No worker runs here: the tasks are called directly, as a restarted worker would run them.
    const number = await newTicket('hank@customer.test');
    const [row] = await outboxOf(number);
    expect(row!.state).toBe('queued');
    // The worker claims the row (committed) and dies before it can record the SMTP answer.
    const claimed = await withTenant(t.deps.unscoped, { orgId: owner.orgId, userId: null, role: 'admin' }, (tx) => claimOutboxRow(tx, workerDeps(), row!.id));
    expect('attemptId' in claimed).toBe(true);
    const [sending] = await outboxOf(number);
    expect(sending).toMatchObject({ state: 'sending', attempts: 1 });
    expect(sending!.message_id).toMatch(/^atum\./);

    // Its job, run again (graphile-worker retries a dead worker's job), does not send it.
    const send = mailSend(workerDeps());
    await send({ org_id: owner.orgId, id: row!.id }, helpers);
    const sweep = mailSendSweep(workerDeps());
    await sweep({}, helpers);
    expect((await outboxOf(number))[0]!.state).toBe('sending');

    // Past MAIL_SENDING_TIMEOUT_MINUTES the sweep marks it possibly sent, with the reason.
    await t.owner`update outbox set sending_since = now() - interval '16 minutes' where id = ${row!.id}`;
    await sweep({}, helpers);
    const [unknown] = await outboxOf(number);
    expect(unknown).toMatchObject({ state: 'unknown', message_id: sending!.message_id });
    expect(unknown!.last_error).toMatch(/^possibly sent/);
    await send({ org_id: owner.orgId, id: row!.id }, helpers);
    expect(smtp.mails.some((m) => m.to.includes('hank@customer.test'))).toBe(false);

    const listed = await json<{ items: { id: string; state: string }[] }>(await t.request('/api/v1/mail/outbox?state=unknown', { as: owner }));
    expect(listed.items.map((i) => i.id)).toContain(row!.id);
    const resend = await t.request(`/api/v1/mail/outbox/${row!.id}/resend`, { method: 'POST', as: owner });
    expect(resend.status).toBe(200);
    expect((await t.request(`/api/v1/mail/outbox/${row!.id}/resend`, { method: 'POST', as: owner })).status).toBe(409);
    await send({ org_id: owner.orgId, id: row!.id }, helpers);
    const mail = await mailTo(smtp, 'hank@customer.test');
    expect(mail.headers.get('message-id')).toBe(`<${sending!.message_id}>`);
    expect((await outboxOf(number))[0]!.state).toBe('sent');
  });

  it('sends, once, a row whose claim committed but whose COMMIT answer the connection lost (the database stopped at that moment)', async () => {
    const number = await newTicket('jules@customer.test');
    const [row] = await outboxOf(number);
    // A pool whose first transaction commits and then reports a dropped connection, as a
    // database stopping between writing the commit and answering it does.
    const lossy = createPool(t.db.appUrl, { max: 1, applicationName: 'atum-test-lossy', entryProof: entryProof(TEST_SECRET) });
    const realBegin = lossy.begin.bind(lossy) as (fn: (tx: unknown) => Promise<unknown>) => Promise<unknown>;
    let loseAnswer = true;
    Object.assign(lossy, {
      begin: async (fn: (tx: unknown) => Promise<unknown>) => {
        const result = await realBegin(fn);
        if (!loseAnswer) return result;
        loseAnswer = false;
        throw Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });
      },
    });
    try {
      const deps = { ...workerDeps(), sql: lossy };
      await expect(deliverOutboxRow(deps, owner.orgId, row!.id)).rejects.toThrow(/CONNECTION_CLOSED/);
      expect((await outboxOf(number))[0]).toMatchObject({ state: 'sending', attempts: 1 });
      expect(smtp.mails.some((m) => m.to.includes('jules@customer.test'))).toBe(false);
      // The job's retry in the same process knows SMTP never started for that claim.
      expect(await deliverOutboxRow(deps, owner.orgId, row!.id)).toMatchObject({ outcome: 'sent' });
      await mailTo(smtp, 'jules@customer.test');
      expect(smtp.mails.filter((m) => m.to.includes('jules@customer.test'))).toHaveLength(1);
      expect((await outboxOf(number))[0]!.state).toBe('sent');
      // And once sent, a further run sends nothing more.
      expect(await deliverOutboxRow(deps, owner.orgId, row!.id)).toMatchObject({ outcome: 'skipped' });
      expect(smtp.mails.filter((m) => m.to.includes('jules@customer.test'))).toHaveLength(1);
    } finally {
      await lossy.end({ timeout: 1 });
    }
  });

  it('keeps another org’s outbox to itself: 404 on resend', async () => {
    const other = await t.org('mail-other-co');
    const [row] = await t.owner<{ id: string }[]>`select id from outbox where org_id = ${owner.orgId} limit 1`;
    expect((await t.request(`/api/v1/mail/outbox/${row!.id}/resend`, { method: 'POST', as: other })).status).toBe(404);
    const listed = await json<{ items: unknown[] }>(await t.request('/api/v1/mail/outbox', { as: other }));
    expect(listed.items).toEqual([]);
  });

  it('pages the outbox by cursor and next_cursor, through rows written in the same microsecond', async () => {
    const org = await t.org('mail-pages-co');
    // One transaction: one now(), so every row shares created_at and only the id orders them.
    const ids = await t.owner.begin(async (tx) => {
      const rows = await tx<{ id: string }[]>`
        insert into outbox (org_id, kind, to_address, subject, body_text, state, sent_at)
        select ${org.orgId}, 'test', 'page' || i || '@customer.test', 'Page', 'x', 'sent', now() from generate_series(1, 5) i
        returning id`;
      return rows.map((r) => r.id);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; next_cursor: string | null } = await json(await t.request(`/api/v1/mail/outbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: org }));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
    const bad = await t.request('/api/v1/mail/outbox?cursor=garbage', { as: org });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ error: { code: 'invalid_cursor' } });
  });
});
