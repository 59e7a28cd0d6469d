import { describe, expect, it } from 'vitest';
import { recordPollFailure } from '#lib/mail/inbound/poll-state.ts';
import { useTestApp } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

/** A portal form post (multipart, no file chosen). */
function multipart(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

/** A German day and time as formatDateTime writes it: '04.12.2026, 14:05'. */
const GERMAN_DATE_TIME = /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/;

describe('the customer portal in German', () => {
  it('shows the home page, the new request form and a request in German to a German customer, dates the German way in their zone', async () => {
    const owner = await t.org('i18n-portal');
    const member = await t.member(owner, 'customer', 'kunde@i18n-portal.test');
    await t.speaks(member, 'de');
    await t.owner`update users set time_zone = 'Europe/Berlin' where id = ${member.userId}`;
    const customer = await browser.signIn(member, 'i18n-portal');

    const empty = await (await customer.get('/portal')).text();
    expect(empty).toContain('<html lang="de"');
    expect(empty).toContain('Meine Anfragen');
    expect(empty).toContain('Neue Anfrage');
    expect(empty).toContain('Sie haben noch keine Anfragen.');
    expect(empty).not.toContain('My requests');
    expect(empty).not.toContain('You have no requests yet');

    const form = await (await customer.get('/portal/new')).text();
    expect(form).toContain('Beschreiben Sie Ihre Anfrage');
    expect(form).toContain('Anhang (optional)');
    expect(form).toContain('Anfrage senden');
    expect(form).not.toContain('Send request');
    expect(form).not.toContain('Describe your request');

    const refused = await customer.post('/portal/tickets', multipart({ subject: ' ', body: 'x' }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/id="ticket-subject-error"[^>]*>Sagen Sie uns in wenigen Worten/);

    const created = await customer.post('/portal/tickets', multipart({ subject: 'Rechnung falsch', body: 'Die Summe stimmt nicht.' }));
    expect(created.status).toBe(204);
    const location = created.headers.get('hx-redirect')!;
    const number = Number(location.split('/').pop());
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'Wir kümmern uns darum.' } });

    const page = await (await customer.get(location)).text();
    expect(page).toContain(`Anfrage #${number}`);
    expect(page).toContain('gestellt am');
    expect(page).toContain('Support-Team');
    expect(page).toContain('Antwort senden');
    expect(page).toContain('In Bearbeitung');
    expect(page).toMatch(GERMAN_DATE_TIME);
    const [row] = await t.owner<{ created_at: Date }[]>`select created_at from tickets where org_id = ${owner.orgId} and number = ${number}`;
    const berlin = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(row!.created_at);
    expect(page).toContain(`gestellt am <time datetime="${row!.created_at.toISOString()}">${berlin}</time>`);
    expect(page).not.toContain('Support team');
    expect(page).not.toContain('Send reply');
    expect(page).not.toContain(' UTC<');

    const reply = await customer.post(`${location}/reply`, multipart({ body: '  ' }));
    expect(await reply.text()).toMatch(/id="reply-body-error"[^>]*>Schreiben Sie zuerst Ihre Nachricht/);
    const sent = await (await customer.post(`${location}/reply`, multipart({ body: 'Danke!' }))).text();
    expect(sent).toContain('Antwort gesendet.');

    const list = await (await customer.get('/portal')).text();
    expect(list).toContain('Letzte Aktivität');
    expect(list).toMatch(GERMAN_DATE_TIME);
  });

  it('leaves an English customer’s portal in English', async () => {
    const owner = await t.org('i18n-portal-en');
    const customer = await browser.signIn(await t.member(owner, 'customer'), 'i18n-portal-en');
    const home = await (await customer.get('/portal')).text();
    expect(home).toContain('My requests');
    expect(home).toContain('You have no requests yet. Open one and we will answer by email and here.');
    expect(home).not.toContain('Meine Anfragen');
  });
});

describe('the admin Mailboxes pages in German', () => {
  it('shows the list and a mailbox to a German admin in German, and to an English one unchanged', async () => {
    const owner = await t.org('i18n-mail');
    await t.speaks(owner, 'de');
    const res = await t.request('/api/v1/mailboxes', { method: 'POST', as: owner, body: { name: 'Support', from_address: 'help@i18n-mail.test' } });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const admin = await browser.signIn(owner, 'i18n-mail');

    const list = await (await admin.get('/app/admin/mailboxes')).text();
    expect(list).toContain('Postfächer');
    expect(list).toContain('Neues Postfach');
    expect(list).toContain('Nächster Versuch');
    expect(list).toContain('Deaktivieren');
    expect(list).toContain('Postfach Support (help@i18n-mail.test) löschen?');
    expect(list).not.toContain('Next try');
    expect(list).not.toContain('New mailbox');

    const page = await (await admin.get(`/app/admin/mailboxes/${id}`)).text();
    expect(page).toContain('Postfach: Support');
    expect(page).toContain('Eingehende E-Mails (IMAP)');
    expect(page).toContain('Verbindung testen');
    expect(page).toContain('Keine: Klartext, nur in einem vertrauenswürdigen Netzwerk');
    expect(page).toContain('Postfach speichern');
    expect(page).not.toContain('Save mailbox');
    expect(page).not.toContain('Test connection');

    const refused = await (
      await admin.post(`/app/admin/mailboxes/${id}`, { name: 'Support', from_address: 'help@i18n-mail.test', imap_port: 'x', smtp_port: '587', subject_pattern: '[#{number}]' })
    ).text();
    expect(refused).toMatch(/id="mailbox-imap_port-error"[^>]*>muss eine ganze Zahl von 1 bis 65535 sein/);

    const off = await (await admin.post(`/app/admin/mailboxes/${id}/enabled`, { enabled: 'off' })).text();
    expect(off).toContain('Postfach „Support“ deaktiviert');

    const english = await t.member(owner, 'admin', 'admin@i18n-mail.test');
    const en = await (await (await browser.signIn(english, 'i18n-mail')).get(`/app/admin/mailboxes/${id}`)).text();
    expect(en).toContain('Mailbox: Support');
    expect(en).toContain('Incoming mail (IMAP)');
    expect(en).not.toContain('Postfach speichern');
  });

  it('writes the failing-mailbox notice in each admin’s own language', async () => {
    const owner = await t.org('i18n-mail-fail');
    const german = await t.member(owner, 'admin', 'admin@i18n-mail-fail.test');
    await t.speaks(german, 'de');
    const res = await t.request('/api/v1/mailboxes', { method: 'POST', as: owner, body: { name: 'Support', from_address: 'help@i18n-mail-fail.test' } });
    const { id } = (await res.json()) as { id: string };
    await recordPollFailure(t.deps.unscoped, () => {}, owner.orgId, id, 'IMAP: ECONNREFUSED', true);
    const titles = await t.owner<{ user_id: string; title: string }[]>`select user_id, title from notifications where org_id = ${owner.orgId} and kind = 'mailbox_failing'`;
    expect(Object.fromEntries(titles.map((r) => [r.user_id, r.title]))).toEqual({
      [owner.userId]: 'Mailbox "Support" cannot fetch mail',
      [german.userId]: 'Postfach „Support“ kann keine E-Mails abrufen',
    });
    const [mail] = await t.owner<{ body_text: string }[]>`select body_text from outbox where org_id = ${owner.orgId} and recipient_user_id = ${german.userId}`;
    expect(mail!.body_text).toContain('Prüfen Sie die Einstellungen und nutzen Sie „Verbindung testen“');
    expect(mail!.body_text).toContain('IMAP: ECONNREFUSED');
  });
});

describe('the API reference in German', () => {
  it('shows its own words in the reader’s language and keeps the operations’ developer text', async () => {
    const de = await (await t.request('/api/docs', { headers: { accept: 'text/html', 'accept-language': 'de-DE,de;q=0.9' } })).text();
    expect(de).toContain('<h2>Anmelden</h2>');
    expect(de).toContain('<h4>Parameter</h4>');
    expect(de).toContain('<h4>Antworten</h4>');
    expect(de).toContain('<th>Hinweise</th>');
    expect(de).toContain('maschinenlesbar');
    expect(de).toContain('<code>POST /api/v1/auth/login</code> mit');
    expect(de).toContain('Requires permission: users.read');
    expect(de).not.toContain('<h4>Parameters</h4>');
    expect(de).not.toContain('<h4>Answers</h4>');

    const en = await (await t.request('/api/docs', { headers: { accept: 'text/html', 'accept-language': 'en' } })).text();
    expect(en).toContain('<h2>Signing in</h2>');
    expect(en).toContain('<h4>Parameters</h4>');
    expect(en).toContain('<h4>Answers</h4>');
    expect(en).toContain('Version');
    expect(en).toContain('machine-readable: <a href="/api/v1/openapi.json">OpenAPI 3.1 (JSON)</a>');
    expect(en).not.toContain('Anmelden');
  });
});
