import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pollMailbox, type PollOptions } from '#lib/mail/inbound/poll.ts';
import { deliverOutboxRow } from '#lib/mail/outbound/deliver.ts';
import { freePort } from './helpers/free-port.ts';
import { startDovecot, type Dovecot } from './helpers/dovecot.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';
import { json } from './helpers/json-response.ts';

/**
 * A failing mailbox, seen by its admins: told once per failure episode (in-app, and by email
 * through a route that is not the failing mailbox), and "Test connection" that really signs in
 * to a real Dovecot and a real SMTP server and says plainly what fails.
 */
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
const t = useTestApp();
const browser = pageClient(t);
let imap: Dovecot;
let smtp: SmtpSink;
let deadPort: number;

beforeAll(async () => {
  imap = await startDovecot();
  await imap.addUser('help', 'imap-pw');
  smtp = await startSmtpSink({ auth: { user: 'relay', pass: 'smtp-pw' } });
  deadPort = await freePort();
});
afterAll(async () => {
  await imap?.stop();
  await smtp?.close();
});

async function mailbox(owner: Member, body: Record<string, unknown>): Promise<string> {
  const res = await t.request('/api/v1/mailboxes', { method: 'POST', as: owner, body: { imap_security: 'none', smtp_security: 'none', ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ id: string }>(res)).id;
}

const goodImap = () => ({ imap_host: imap.host, imap_port: imap.port, imap_user: 'help', imap_password: 'imap-pw' });
const goodSmtp = () => ({ smtp_host: '127.0.0.1', smtp_port: smtp.port, smtp_user: 'relay', smtp_password: 'smtp-pw' });

function pollOptions(smtpUrlSet = false): PollOptions {
  const c = t.deps.config;
  return {
    sql: t.deps.unscoped,
    key: t.deps.mailKey,
    kv: t.deps.kv,
    log: () => {},
    dataDir: c.dataDir,
    attachmentMaxBytes: c.attachmentMaxBytes,
    mailMaxBytes: c.mailMaxBytes,
    autoreplyCapPerHour: 10,
    smtpUrlSet,
  };
}

/** Polls now, whatever the backoff says (as the next due poll would). */
async function pollNow(m: Member, id: string, smtpUrlSet = false) {
  await t.owner`update mailboxes set next_try_at = now() where id = ${id}`;
  return pollMailbox(pollOptions(smtpUrlSet), m.orgId, id);
}

const notices = (orgId: string) => t.owner<{ user_id: string; title: string; details: { mailbox_id: string; error: string } }[]>`
  select user_id, title, details from notifications where org_id = ${orgId} and kind = 'mailbox_failing' order by created_at, user_id`;
const emails = (orgId: string) => t.owner<{ id: string; to_address: string; mailbox_id: string | null; subject: string }[]>`
  select id, to_address, mailbox_id, subject from outbox where org_id = ${orgId} and kind = 'mailbox_failing' order by created_at, to_address`;

describe('a failing mailbox tells its admins once per failure', () => {
  it('in-app to each admin and owner, and by email through another mailbox; not again while it stays failing; again after it worked', async () => {
    const owner = await t.org('notice-a');
    const admin = await t.member(owner, 'admin', 'admin@notice-a.test');
    const agent = await t.member(owner, 'agent', 'agent@notice-a.test');
    const relay = await mailbox(owner, { name: 'Relay', from_address: 'relay@notice-a.test', ...goodSmtp() });
    const box = await mailbox(owner, { name: 'Support', from_address: 'help@notice-a.test', ...goodImap(), imap_port: deadPort });

    expect((await pollNow(owner, box)).error).toMatch(/ECONNREFUSED/);
    const first = await notices(owner.orgId);
    expect(first.map((n) => n.user_id).sort()).toEqual([owner.userId, admin.userId].sort());
    expect(first[0]).toMatchObject({ title: 'Mailbox "Support" cannot fetch mail', details: { mailbox_id: box, error: expect.stringMatching(/ECONNREFUSED/) } });
    const mails = await emails(owner.orgId);
    expect(mails.map((m) => [m.to_address, m.mailbox_id])).toEqual(
      [
        [admin.email, relay],
        [owner.email, relay],
      ].sort(),
    );
    // The agent is not told; the admin reads it through the notifications API.
    expect((await json<{ items: unknown[] }>(await t.request('/api/v1/notifications', { as: agent }))).items).toEqual([]);
    expect((await json<{ items: { kind: string }[] }>(await t.request('/api/v1/notifications', { as: admin }))).items).toMatchObject([{ kind: 'mailbox_failing' }]);
    // The email really leaves through the other mailbox's SMTP server.
    const sent = await deliverOutboxRow({ sql: t.deps.unscoped, config: t.deps.config, mailKey: t.deps.mailKey }, owner.orgId, mails[0]!.id);
    expect(sent.outcome).toBe('sent');
    expect(smtp.mails.at(-1)!.headers.get('subject')).toMatch(/Mailbox_=22Support=22_cannot_fetch_mail/);
    expect(smtp.mails.at(-1)!.decoded).toContain(`Check the settings and use "Test connection": /app/admin/mailboxes/${box}`);
    expect(smtp.mails.at(-1)!.from).toBe('relay@notice-a.test');

    // Still failing, three more tries: nobody is told again.
    for (let i = 0; i < 3; i++) expect((await pollNow(owner, box)).error).toMatch(/ECONNREFUSED/);
    expect(await notices(owner.orgId)).toHaveLength(2);
    expect(await emails(owner.orgId)).toHaveLength(2);

    // Mended, then broken again: a new episode, told once more.
    expect((await t.request(`/api/v1/mailboxes/${box}`, { method: 'PATCH', as: owner, body: { imap_port: imap.port } })).status).toBe(200);
    expect(await pollNow(owner, box)).toEqual({ filed: 0, more: false });
    expect((await t.request(`/api/v1/mailboxes/${box}`, { method: 'PATCH', as: owner, body: { imap_password: 'changed-elsewhere' } })).status).toBe(200);
    expect((await pollNow(owner, box)).error).toMatch(/^IMAP login failed/);
    expect(await notices(owner.orgId)).toHaveLength(4);
    expect(await emails(owner.orgId)).toHaveLength(4);
  });

  it('emails through SMTP_URL when no other mailbox can send, and only in-app when neither can', async () => {
    const owner = await t.org('notice-b');
    const box = await mailbox(owner, { name: 'Only', from_address: 'only@notice-b.test', ...goodImap(), imap_port: deadPort, ...goodSmtp() });
    await pollNow(owner, box, false);
    expect(await notices(owner.orgId)).toHaveLength(1);
    expect(await emails(owner.orgId)).toEqual([]); // its own SMTP is no other route

    await t.request(`/api/v1/mailboxes/${box}`, { method: 'PATCH', as: owner, body: { imap_port: imap.port } });
    await pollNow(owner, box, true);
    await t.request(`/api/v1/mailboxes/${box}`, { method: 'PATCH', as: owner, body: { imap_port: deadPort } });
    await pollNow(owner, box, true);
    expect(await notices(owner.orgId)).toHaveLength(2);
    expect(await emails(owner.orgId)).toMatchObject([{ to_address: owner.email, mailbox_id: null }]);
  });
});

describe('Test connection', () => {
  it('signs in to IMAP and SMTP and says it works', async () => {
    const owner = await t.org('conn-ok');
    const box = await mailbox(owner, { name: 'Support', from_address: 'help@conn-ok.test', ...goodImap(), ...goodSmtp() });
    const res = await t.request(`/api/v1/mailboxes/${box}/test`, { method: 'POST', as: owner });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      imap: { ok: true, detail: `signed in to ${imap.host}:${imap.port} as help; folder INBOX holds 0 messages` },
      smtp: { ok: true, detail: 'mailbox "Support": the SMTP server accepted the connection and the login of relay' },
    });
  });

  it('reports a wrong IMAP password, a wrong SMTP password and a dead port plainly', async () => {
    const owner = await t.org('conn-bad');
    const box = await mailbox(owner, { name: 'Support', from_address: 'help@conn-bad.test', ...goodImap(), imap_password: 'wrong', ...goodSmtp(), smtp_password: 'wrong' });
    const bad = await json<{ ok: boolean; imap: { ok: boolean; error: string }; smtp: { ok: boolean; error: string } }>(
      await t.request(`/api/v1/mailboxes/${box}/test`, { method: 'POST', as: owner }),
    );
    expect(bad).toMatchObject({
      ok: false,
      imap: { ok: false, error: expect.stringMatching(/^IMAP login failed: .*(failed|Authentication)/i) },
      smtp: { ok: false, error: expect.stringMatching(/^SMTP login failed: .*535/) },
    });

    await t.request(`/api/v1/mailboxes/${box}`, { method: 'PATCH', as: owner, body: { imap_port: deadPort, smtp_port: deadPort } });
    const dead = await json<{ imap: { error: string }; smtp: { error: string } }>(await t.request(`/api/v1/mailboxes/${box}/test`, { method: 'POST', as: owner }));
    expect(dead.imap.error).toBe(`IMAP: connect ECONNREFUSED 127.0.0.1:${deadPort}`);
    expect(dead.smtp.error).toMatch(/ECONNREFUSED/);

    // The admin page offers it after a save and shows the same answer.
    const page = await browser.signIn(owner, 'conn-bad');
    const saved = await page.post(`/app/admin/mailboxes/${box}`, {
      name: 'Support desk',
      from_address: 'help@conn-bad.test',
      imap_host: imap.host,
      imap_port: String(deadPort),
      imap_security: 'none',
      imap_user: 'help',
      imap_folder: 'INBOX',
      smtp_host: '127.0.0.1',
      smtp_port: String(deadPort),
      smtp_security: 'none',
      smtp_user: 'relay',
      subject_pattern: '[#{number}]',
      enabled: 'on',
    });
    const html = await saved.text();
    expect(saved.status, html).toBe(200);
    expect(html).toContain('Use “Test connection” below');
    expect(html).toContain(`hx-post="/app/admin/mailboxes/${box}/test"`);
    const tested = await page.post(`/app/admin/mailboxes/${box}/test`);
    const body = await tested.text();
    expect(tested.status).toBe(200);
    expect(body).toContain('The connection fails.');
    expect(body).toContain(`data-testid="test-imap"><strong>Fails: IMAP: connect ECONNREFUSED 127.0.0.1:${deadPort}</strong>`);
  });

  it('answers 404 for another org’s mailbox, on the API and the page', async () => {
    const mine = await t.org('conn-mine');
    const box = await mailbox(mine, { name: 'Support', from_address: 'help@conn-mine.test', ...goodImap() });
    const theirs = await t.org('conn-theirs');
    const res = await t.request(`/api/v1/mailboxes/${box}/test`, { method: 'POST', as: theirs });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await (await browser.signIn(theirs, 'conn-theirs')).post(`/app/admin/mailboxes/${box}/test`)).status).toBe(404);
  });
});
