import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp({ env: { MAIL_MAX_MB: '1' } });
let a: Member;
let b: Member;
let agent: Member;
let boxB: string;
const fixture = (name: string) => readFile(path.join(import.meta.dirname, 'fixtures', 'mail', name));

interface MailboxJson {
  id: string;
  status: string;
  last_error: string | null;
  next_try_at: string;
  has_imap_password: boolean;
  has_inbound_token: boolean;
  [k: string]: unknown;
}

beforeAll(async () => {
  a = await t.org('mailapi-a');
  b = await t.org('mailapi-b');
  agent = await t.member(a, 'agent');
  const res = await t.request('/api/v1/mailboxes', { method: 'POST', as: b, body: { name: 'B', from_address: 'help@b.test' } });
  boxB = (await json<{ id: string }>(res)).id;
});

describe('mailbox admin API', () => {
  it('creates, lists, changes and deletes mailboxes, never showing a password', async () => {
    const created = await t.request('/api/v1/mailboxes', {
      method: 'POST',
      as: a,
      body: {
        name: 'Support',
        from_address: 'Help@A.test',
        from_name: 'A Support',
        imap_host: 'imap.a.test',
        imap_user: 'help',
        imap_password: 'hunter2-imap',
        smtp_host: 'smtp.a.test',
        smtp_user: 'help',
        smtp_password: 'hunter2-smtp',
      },
    });
    expect(created.status).toBe(201);
    const box = await json<MailboxJson>(created);
    expect(box).toMatchObject({
      name: 'Support',
      from_address: 'help@a.test',
      imap_port: 993,
      imap_security: 'tls',
      smtp_port: 587,
      smtp_security: 'starttls',
      imap_folder: 'INBOX',
      subject_pattern: '[#{number}]',
      has_imap_password: true,
      has_smtp_password: true,
      has_inbound_token: false,
      status: 'ok',
      last_error: null,
    });
    const listed = await t.request('/api/v1/mailboxes', { as: a });
    const text = await listed.text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('sealed');
    expect(JSON.parse(text).items.map((m: MailboxJson) => m.id)).toEqual([box.id]);

    const patched = await t.request(`/api/v1/mailboxes/${box.id}`, { method: 'PATCH', as: a, body: { imap_password: 'new-secret', subject_pattern: '[Ticket#{number}]' } });
    expect(patched.status).toBe(200);
    expect(await patched.text()).not.toContain('new-secret');
    const [audit] = await t.owner<{ details: { changed: string[] } }[]>`select details from audit_log where org_id = ${a.orgId} and action = 'mailbox.update'`;
    expect(audit!.details).toEqual({ changed: ['imap_password', 'subject_pattern'] });

    expect((await t.request(`/api/v1/mailboxes/${box.id}`, { method: 'DELETE', as: a })).status).toBe(204);
    expect((await t.request(`/api/v1/mailboxes/${box.id}`, { as: a })).status).toBe(404);
  });

  it('refuses bad input with clear 4xx answers', async () => {
    const cases: [unknown, number, string][] = [
      [{ name: 'x' }, 400, 'validation_failed'],
      [{ name: 'x', from_address: 'not-an-address' }, 400, 'validation_failed'],
      [{ name: 'x', from_address: 'x@a.test', subject_pattern: '[#]' }, 400, 'validation_failed'],
      [{ name: 'x', from_address: 'x@a.test', imap_port: 70000 }, 400, 'validation_failed'],
      [{ name: 'x', from_address: 'x@a.test', imap_host: 'imap.a.test' }, 422, 'imap_incomplete'],
      [{ name: 'x', from_address: 'x@a.test', password_sealed: 'v1.x' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.request('/api/v1/mailboxes', { method: 'POST', as: a, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe(code);
    }
    expect((await t.request('/api/v1/mailboxes', { method: 'POST', as: a, body: { name: 'one', from_address: 'same@a.test' } })).status).toBe(201);
    const clash = await t.request('/api/v1/mailboxes', { method: 'POST', as: a, body: { name: 'two', from_address: 'SAME@a.test' } });
    expect(clash.status).toBe(409);
  });

  it("answers 404 for another org's mailbox on every mailbox endpoint", async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/mailboxes/${boxB}`],
      ['PATCH', `/api/v1/mailboxes/${boxB}`, { name: 'taken' }],
      ['DELETE', `/api/v1/mailboxes/${boxB}`],
      ['POST', `/api/v1/mailboxes/${boxB}/inbound-token`],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(url, { method, as: a, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const [row] = await t.owner`select name, inbound_token_hash from mailboxes where id = ${boxB}`;
    expect(row).toEqual({ name: 'B', inbound_token_hash: null });
  });

  it('is for admins: an agent gets 403', async () => {
    expect((await t.request('/api/v1/mailboxes', { as: agent })).status).toBe(403);
  });
});

describe('POST /api/v1/mail/inbound', () => {
  let token: string;
  beforeAll(async () => {
    const res = await t.request('/api/v1/mailboxes', { method: 'POST', as: a, body: { name: 'Pipe', from_address: 'pipe@a.test' } });
    const id = (await json<{ id: string }>(res)).id;
    const minted = await t.request(`/api/v1/mailboxes/${id}/inbound-token`, { method: 'POST', as: a });
    expect(minted.status).toBe(201);
    token = (await json<{ token: string }>(minted)).token;
    expect(token).toMatch(/^atm_/);
  });
  const post = (body: Buffer | string, auth?: string) =>
    t.app.request('/api/v1/mail/inbound', { method: 'POST', headers: { 'content-type': 'message/rfc822', ...(auth ? { authorization: auth } : {}) }, body });

  it('files a piped mail as a ticket once; the same mail again is a duplicate', async () => {
    const raw = await fixture('02-multipart-alternative.eml');
    const first = await post(raw, `Bearer ${token}`);
    expect(first.status).toBe(200);
    const filed = await json<{ outcome: string; ticket_number: number }>(first);
    expect(filed.outcome).toBe('ticket');
    const ticket = await t.request(`/api/v1/tickets/${filed.ticket_number}`, { as: a });
    expect(await json<{ subject: string; channel: string }>(ticket)).toMatchObject({ subject: 'VPN drops every 10 minutes', channel: 'email' });
    const again = await json<{ outcome: string; ticket_number: number }>(await post(raw, `Bearer ${token}`));
    expect(again).toMatchObject({ outcome: 'duplicate', ticket_number: filed.ticket_number });
  });

  it('sets a malformed mail aside with its reason, listed by GET /api/v1/mail/inbound', async () => {
    const res = await post(await fixture('31-broken-mime-boundary-never-used.eml'), `Bearer ${token}`);
    expect(await json<{ outcome: string }>(res)).toMatchObject({ outcome: 'quarantined' });
    const list = await json<{ items: { outcome: string; reason: string }[] }>(await t.request('/api/v1/mail/inbound?outcome=quarantined', { as: a }));
    expect(list.items).toEqual([expect.objectContaining({ outcome: 'quarantined', reason: expect.stringMatching(/boundary "expected-boundary" never occurs/) })]);
    const other = await json<{ items: unknown[] }>(await t.request('/api/v1/mail/inbound', { as: b }));
    expect(other.items).toEqual([]);
  });

  it('wants a valid token: none, a malformed one or another kind of token is 401', async () => {
    for (const auth of [undefined, 'Bearer nope', `Bearer ${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`, `Bearer atm_${b.orgId.replaceAll('-', '')}_${'0'.repeat(64)}`]) {
      const res = await post('From: x@y.test\r\n\r\nhi', auth);
      expect(res.status, String(auth)).toBe(401);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe('unauthenticated');
    }
  });

  it('refuses an empty body (400) and one over MAIL_MAX_MB (413) without keeping anything', async () => {
    expect((await post('', `Bearer ${token}`)).status).toBe(400);
    const before = await t.owner`select count(*)::int as n from mail_inbound`;
    const big = `From: big@a.test\r\nSubject: big\r\n\r\n${'x'.repeat(1024 * 1024 + 10)}`;
    const res = await post(big, `Bearer ${token}`);
    expect(res.status).toBe(413);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('payload_too_large');
    expect(await t.owner`select count(*)::int as n from mail_inbound`).toEqual(before);
  });
});
