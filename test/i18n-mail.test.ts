import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { notifyTransitions } from '#lib/sla/notify.ts';
import { startWorker, type WorkerHandle } from '#lib/worker.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';
import { mailTo, startSmtpSink } from './helpers/smtp-sink.ts';

// Issue 16: the customer's notification arrives in their language, caught by a real SMTP server.
const smtp = await startSmtpSink();
const t = useTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'ATUM DESK <desk@atum.test>' } });
let owner: Member;
let agent: Member;
let token: string;
let worker: WorkerHandle | undefined;

/** A customer's email, piped in as an MTA would (POST /api/v1/mail/inbound). */
async function mailIn(from: string, subject: string, text: string): Promise<number> {
  const raw = [`From: ${from}`, 'To: help@lang-co.test', `Subject: ${subject}`, `Message-ID: <${crypto.randomUUID()}@customer.test>`, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join(
    '\r\n',
  );
  const res = await t.app.request('/api/v1/mail/inbound', { method: 'POST', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` }, body: raw });
  expect(res.status).toBe(200);
  const filed = await json<{ outcome: string; ticket_number: number }>(res);
  expect(filed.outcome).toBe('ticket');
  return filed.ticket_number;
}

async function reply(number: number, body: string): Promise<void> {
  const res = await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: agent, body: { body } });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  owner = await t.org('lang-co');
  agent = await t.member(owner, 'agent', 'agent@lang-co.test');
  const [box] = await t.owner<{ id: string }[]>`
    insert into mailboxes (org_id, name, smtp_host, smtp_port, smtp_security, from_address, from_name, signature)
    values (${owner.orgId}, 'Support', '127.0.0.1', ${smtp.port}, 'none', 'help@lang-co.test', 'Lang Co Support', 'Lang Co') returning id`;
  token = (await json<{ token: string }>(await t.request(`/api/v1/mailboxes/${box!.id}/inbound-token`, { method: 'POST', as: owner }))).token;
  worker = await startWorker({ workerUrl: t.db.workerUrl, sql: t.deps.unscoped, config: t.deps.config, mailKey: t.deps.mailKey, concurrency: 2, log: () => {} });
});

afterAll(async () => {
  await worker?.stop();
  await smtp.close();
});

describe('notification mail in the recipient’s language', () => {
  it('acknowledges a German customer in German and an English one in English, each guessed from their first email', async () => {
    const german = await mailIn('Hans Huber <hans@kunde.test>', 'Rechnung', 'Hallo, ich habe eine Frage zu meiner Rechnung. Können Sie mir bitte helfen? Vielen Dank und viele Grüße');
    const english = await mailIn('Mary Major <mary@customer.test>', 'Invoice', 'Hello, I have a question about my invoice. Can you please help me with this? Thanks');
    const de = await mailTo(smtp, 'hans@kunde.test');
    expect(de.headers.get('subject')).toBe(`Rechnung [#${german}]`);
    expect(de.decoded).toContain('Guten Tag Hans Huber');
    expect(de.decoded).toContain(`als Ticket #${german}`);
    expect(de.decoded).not.toContain('thank you for writing');
    const en = await mailTo(smtp, 'mary@customer.test');
    expect(en.headers.get('subject')).toBe(`Invoice [#${english}]`);
    expect(en.decoded).toContain('thank you for writing to Org lang-co');
    expect(en.decoded).not.toContain('Vielen Dank');
    const langs = await t.owner<{ email: string; locale: string | null }[]>`
      select m.email, m.locale from memberships m where m.org_id = ${owner.orgId} and m.role = 'customer' order by m.email`;
    expect(langs).toEqual([
      { email: 'hans@kunde.test', locale: 'de' },
      { email: 'mary@customer.test', locale: 'en' },
    ]);
  });

  it('words replies on the same ticket by the org’s template of the recipient’s language, and follows a change of language', async () => {
    const number = await mailIn('Greta Graf <greta@kunde.test>', 'Drucker', 'Guten Tag, mein Drucker druckt nicht mehr. Bitte um Hilfe, danke');
    await mailTo(smtp, 'greta@kunde.test');
    const saved = await t.request('/api/v1/mail/templates', {
      method: 'POST',
      as: owner,
      body: { key: 'ticket_reply', locale: 'de', subject: 'Ihre Anfrage: {{ticket.subject}}', body_text: '{{message.body}}\n\nStatus: {{ticket.status}}\n{{signature}}' },
    });
    expect(saved.status).toBe(201);
    await reply(number, 'Bitte starten Sie den Drucker neu.');
    const de = await mailTo(smtp, 'greta@kunde.test', 2);
    expect(de.headers.get('subject')).toBe(`Ihre Anfrage: Drucker [#${number}]`);
    expect(de.decoded).toContain('Status: Offen');

    // Staff set the customer's language to English: the next reply on the same ticket is English.
    const [greta] = await t.owner<{ user_id: string }[]>`select user_id from memberships where org_id = ${owner.orgId} and email = 'greta@kunde.test'`;
    expect((await t.request(`/api/v1/users/${greta!.user_id}`, { method: 'PATCH', as: owner, body: { locale: 'en' } })).status).toBe(200);
    await reply(number, 'Did that help?');
    const en = await mailTo(smtp, 'greta@kunde.test', 3);
    expect(en.headers.get('subject')).toBe(`Re: Drucker [#${number}]`);
    expect(en.decoded).toContain('Did that help?');
    expect(en.decoded).not.toContain('Status:');
  });

  it('lists each language’s templates, the org’s own beside the defaults', async () => {
    const items = await json<{ items: { key: string; locale: string; customized: boolean; subject: string }[] }>(await t.request('/api/v1/mail/templates?locale=de', { as: owner }));
    expect(items.items.map((i) => [i.key, i.locale, i.customized])).toEqual([
      ['ticket_acknowledgement', 'de', false],
      ['ticket_reply', 'de', true],
      ['ticket_assignment', 'de', false],
    ]);
    expect(items.items[2]!.subject).toBe('Ticket #{{ticket.number}} wurde Ihnen zugewiesen: {{ticket.subject}}');
  });

  it('alerts a German assignee about an SLA breach in German, in the app and by mail', async () => {
    const number = await mailIn('Hans Huber <hans@kunde.test>', 'Langsam', 'Hallo, das dauert mir zu lange. Bitte um eine Antwort, danke');
    await t.speaks(agent, 'de');
    expect((await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: owner, body: { assignee_id: agent.userId } })).status).toBe(200);
    await withTenant(t.deps.unscoped, { orgId: owner.orgId, userId: null, role: 'admin' }, (tx) =>
      notifyTransitions(tx, owner.orgId, [{ number: String(number), metric: 'first_response', kind: 'breached', dueAt: new Date(), policyId: '00000000-0000-0000-0000-000000000000' }]),
    );
    // The assignment mail and the alert, both German; subjects are MIME-encoded words on the wire.
    const mails = await Promise.all([mailTo(smtp, 'agent@lang-co.test', 1), mailTo(smtp, 'agent@lang-co.test', 2)].map(async (m) => simpleParser((await m).raw)));
    const alert = mails.find((m) => m.subject?.includes('verfehlt'));
    expect(alert?.subject).toBe(`Ticket #${number}: Das Ziel „Erste Antwort“ wurde verfehlt`);
    expect(alert!.text).toContain('Sie erhalten diese Nachricht als Bearbeiter');
    expect(mails.find((m) => m !== alert)?.subject).toBe(`Ticket #${number} wurde Ihnen zugewiesen: Langsam`);
    const [note] = await t.owner<{ title: string }[]>`select title from notifications where user_id = ${agent.userId} and kind = 'sla_breach'`;
    expect(note!.title).toBe(`Ticket #${number}: Das Ziel „Erste Antwort“ wurde verfehlt`);
  });

  it('answers another org’s user id with 404 when setting a language', async () => {
    const other = await t.org('lang-other');
    const res = await t.request(`/api/v1/users/${other.userId}`, { method: 'PATCH', as: owner, body: { locale: 'de' } });
    expect(res.status).toBe(404);
  });
});
