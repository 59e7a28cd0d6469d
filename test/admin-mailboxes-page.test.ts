import { describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient, type PageSession } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

interface MailboxRow {
  id: string;
  name: string;
  enabled: boolean;
  from_address: string;
  from_name: string;
  imap_host: string | null;
  imap_port: number;
  imap_security: string;
  imap_user: string | null;
  imap_password_sealed: string | null;
  imap_folder: string;
  smtp_host: string | null;
  smtp_port: number;
  smtp_password_sealed: string | null;
  last_uid: string;
  inbound_token_hash: Buffer | null;
}

const rows = (orgId: string) =>
  t.owner<MailboxRow[]>`
    select id, name, enabled, from_address, from_name, imap_host, imap_port, imap_security::text, imap_user, imap_password_sealed, imap_folder,
           smtp_host, smtp_port, smtp_password_sealed, last_uid::text, inbound_token_hash
    from mailboxes where org_id = ${orgId} order by name`;

/** The whole form as the new-mailbox page posts it (its defaults filled in). */
const FORM = {
  name: 'Support',
  from_address: 'Help@Acme-Mail.test',
  from_name: 'Acme Support',
  enabled: 'on',
  imap_host: 'imap.acme-mail.test',
  imap_port: '993',
  imap_security: 'tls',
  imap_user: 'help@acme-mail.test',
  imap_password: 'imap-secret-1',
  imap_folder: 'INBOX',
  smtp_host: 'smtp.acme-mail.test',
  smtp_port: '587',
  smtp_security: 'starttls',
  smtp_user: 'help@acme-mail.test',
  smtp_password: 'smtp-secret-1',
  signature: '-- \nAcme',
  subject_pattern: '[#{number}]',
};

async function adminOf(slug: string): Promise<{ owner: Member; admin: PageSession }> {
  const owner = await t.org(slug);
  return { owner, admin: await browser.signIn(owner, slug) };
}

async function apiMailbox(owner: Member, body: Record<string, unknown>): Promise<string> {
  const res = await t.request('/api/v1/mailboxes', { method: 'POST', as: owner, body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('admin Mailboxes page: adding one', () => {
  it('creates a mailbox from its form, refusing bad fields beside them (422) and an address in use (409), never echoing a password', async () => {
    const { owner, admin } = await adminOf('mbx-new');
    const list = await (await admin.get('/app/admin/mailboxes')).text();
    expect(list).toContain('No mailboxes yet');
    expect(list).toContain('href="/app/admin/mailboxes/new"');
    const form = await admin.get('/app/admin/mailboxes/new');
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toMatch(/name="imap_port"[^>]*value="993"|value="993"[^>]*name="imap_port"/);
    expect(formHtml).toContain('<option value="starttls" selected="">');

    const bad = await admin.post('/app/admin/mailboxes', { ...FORM, from_address: 'not an address', imap_port: 'abc', subject_pattern: 'Ticket' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="mailbox-from_address-error"[^>]*>must be an email address/);
    expect(badHtml).toMatch(/id="mailbox-imap_port-error"[^>]*>must be a whole number from 1 to 65535/);
    expect(badHtml).toMatch(/id="mailbox-subject_pattern-error"[^>]*>must contain \{number\}/);
    expect(badHtml).toContain('value="not an address"');
    expect(badHtml).not.toContain('imap-secret-1');
    expect(badHtml).not.toContain('smtp-secret-1');

    const incomplete = await admin.post('/app/admin/mailboxes', { ...FORM, imap_password: '' });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.text()).toMatch(/id="mailbox-imap_password-error"[^>]*>An IMAP host needs imap_user and imap_password too/);
    expect(await rows(owner.orgId)).toHaveLength(0);

    const ok = await admin.post('/app/admin/mailboxes', FORM);
    expect(ok.status).toBe(200);
    const [row] = await rows(owner.orgId);
    expect(row).toMatchObject({
      name: 'Support',
      enabled: true,
      from_address: 'help@acme-mail.test',
      from_name: 'Acme Support',
      imap_host: 'imap.acme-mail.test',
      imap_port: 993,
      imap_user: 'help@acme-mail.test',
      smtp_port: 587,
    });
    expect(row!.imap_password_sealed).toBeTruthy();
    expect(row!.imap_password_sealed).not.toContain('imap-secret-1');
    expect(ok.headers.get('hx-push-url')).toBe(`/app/admin/mailboxes/${row!.id}`);
    const html = await ok.text();
    expect(html).toContain('Mailbox “Support” created');
    expect(html).toContain('A password is stored: leave blank to keep it.');
    expect(html).not.toContain('imap-secret-1');
    expect(html).not.toContain(row!.imap_password_sealed!);
    const audited = await t.owner<{ action: string; details: Record<string, unknown> }[]>`select action, details from audit_log where org_id = ${owner.orgId} and action like 'mailbox.%'`;
    expect(audited).toEqual([{ action: 'mailbox.create', details: { name: 'Support', from_address: 'help@acme-mail.test', imap_host: 'imap.acme-mail.test' } }]);

    const dup = await admin.post('/app/admin/mailboxes', { ...FORM, name: 'Again', from_address: 'HELP@acme-mail.test' });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toMatch(/id="mailbox-from_address-error"[^>]*>Another mailbox already sends from help@acme-mail.test/);
    expect(await rows(owner.orgId)).toHaveLength(1);
  });
});

describe('admin Mailboxes page: editing one', () => {
  it('saves only what changed: a blank password keeps the stored one and the IMAP progress; a new server restarts it', async () => {
    const { owner, admin } = await adminOf('mbx-edit');
    const id = await apiMailbox(owner, { name: 'Support', from_address: 'help@mbx-edit.test', imap_host: 'imap.mbx-edit.test', imap_user: 'help', imap_password: 'first-password' });
    await t.owner`update mailboxes set last_uid = 42 where id = ${id}`;
    const [before] = await rows(owner.orgId);

    const page = await admin.get(`/app/admin/mailboxes/${id}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('Mailbox: Support');
    expect(pageHtml).toContain('value="imap.mbx-edit.test"');
    expect(pageHtml).not.toContain('first-password');
    expect(pageHtml).toMatch(/<input[^>]*name="imap_password"(?![^>]*value="[^"])[^>]*>/);

    const same = {
      name: 'Support desk',
      from_address: 'help@mbx-edit.test',
      enabled: 'on',
      imap_host: 'imap.mbx-edit.test',
      imap_port: '993',
      imap_security: 'tls',
      imap_user: 'help',
      imap_password: '',
      imap_folder: 'INBOX',
      smtp_host: '',
      smtp_port: '587',
      smtp_security: 'starttls',
      smtp_user: '',
      smtp_password: '',
      from_name: '',
      signature: '',
      subject_pattern: '[#{number}]',
    };
    const renamed = await admin.post(`/app/admin/mailboxes/${id}`, same);
    expect(renamed.status).toBe(200);
    expect(await renamed.text()).toContain('Mailbox saved.');
    const [afterRename] = await rows(owner.orgId);
    expect(afterRename).toMatchObject({ name: 'Support desk', imap_password_sealed: before!.imap_password_sealed, last_uid: '42' });
    const [update] = await t.owner<{ details: { changed: string[] } }[]>`select details from audit_log where org_id = ${owner.orgId} and action = 'mailbox.update'`;
    expect(update!.details.changed).toEqual(['name']);

    expect(await (await admin.post(`/app/admin/mailboxes/${id}`, { ...same, name: 'Support desk' })).text()).toContain('Nothing to save');

    const newPassword = await admin.post(`/app/admin/mailboxes/${id}`, { ...same, name: 'Support desk', imap_password: 'second-password' });
    expect(newPassword.status).toBe(200);
    expect(await newPassword.text()).not.toContain('second-password');
    const [afterPassword] = await rows(owner.orgId);
    expect(afterPassword!.imap_password_sealed).not.toBe(before!.imap_password_sealed);
    expect(afterPassword!.last_uid).toBe('42');

    expect((await admin.post(`/app/admin/mailboxes/${id}`, { ...same, imap_host: 'imap2.mbx-edit.test' })).status).toBe(200);
    expect(await rows(owner.orgId)).toMatchObject([{ imap_host: 'imap2.mbx-edit.test', last_uid: '0' }]);
  });

  it('refuses a bad edit with 422 beside the field and writes nothing', async () => {
    const { owner, admin } = await adminOf('mbx-bad');
    const id = await apiMailbox(owner, { name: 'Support', from_address: 'help@mbx-bad.test' });
    const res = await admin.post(`/app/admin/mailboxes/${id}`, {
      name: '',
      from_address: 'help@mbx-bad.test',
      smtp_host: 'smtp bad host',
      smtp_port: '70000',
      smtp_security: 'tls',
      imap_port: '993',
      imap_security: 'tls',
      imap_folder: 'INBOX',
      subject_pattern: '[#{number}]',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="mailbox-name-error"[^>]*>must not be empty/);
    expect(html).toMatch(/id="mailbox-smtp_host-error"[^>]*>must be a host name or IP address/);
    expect(html).toMatch(/id="mailbox-smtp_port-error"[^>]*>must be a whole number from 1 to 65535/);
    expect(await rows(owner.orgId)).toMatchObject([{ name: 'Support', smtp_host: null, smtp_port: 587 }]);
    expect(await t.owner`select 1 from audit_log where org_id = ${owner.orgId} and action = 'mailbox.update'`).toHaveLength(0);
  });

  it('disables and enables from the list, deletes with the list at its own URL, and shows a working inbound token once', async () => {
    const { owner, admin } = await adminOf('mbx-rows');
    const id = await apiMailbox(owner, { name: 'Support', from_address: 'help@mbx-rows.test' });
    const spare = await apiMailbox(owner, { name: 'Spare', from_address: 'spare@mbx-rows.test' });

    const off = await admin.post(`/app/admin/mailboxes/${id}/enabled`, { enabled: 'off' });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain('Mailbox “Support” disabled');
    expect((await rows(owner.orgId)).find((r) => r.id === id)!.enabled).toBe(false);
    expect((await admin.post(`/app/admin/mailboxes/${id}/enabled`, { enabled: 'on' })).status).toBe(200);
    expect((await rows(owner.orgId)).find((r) => r.id === id)!.enabled).toBe(true);
    expect((await admin.post(`/app/admin/mailboxes/${id}/enabled`, { enabled: 'maybe' })).status).toBe(422);

    const minted = await admin.post(`/app/admin/mailboxes/${id}/inbound-token`);
    expect(minted.status).toBe(200);
    const token = /data-testid="inbound-token">([^<]+)</.exec(await minted.text())?.[1];
    expect(token).toMatch(/^atm_/);
    expect(await (await admin.get(`/app/admin/mailboxes/${id}`)).text()).not.toContain(token!);
    const mail = 'From: Ada <ada@customer.test>\r\nTo: help@mbx-rows.test\r\nSubject: Printer\r\nMessage-ID: <m1@customer.test>\r\n\r\nIt is on fire.\r\n';
    const piped = await t.app.request('/api/v1/mail/inbound', { method: 'POST', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` }, body: mail });
    expect(piped.status).toBe(200);

    const deleted = await admin.post(`/app/admin/mailboxes/${spare}/delete`);
    expect(deleted.status).toBe(200);
    expect(deleted.headers.get('hx-replace-url')).toBe('/app/admin/mailboxes');
    expect(await deleted.text()).toContain('Mailbox “Spare” deleted');
    expect((await rows(owner.orgId)).map((r) => r.name)).toEqual(['Support']);
    const audited = await t.owner<{ action: string }[]>`select action from audit_log where org_id = ${owner.orgId} and action like 'mailbox.%' order by seq`;
    expect(audited.map((a) => a.action)).toEqual(['mailbox.create', 'mailbox.create', 'mailbox.update', 'mailbox.update', 'mailbox.inbound_token', 'mailbox.delete']);
  });
});

describe('admin Mailboxes page: who may', () => {
  it('is 403 for a lead on every mailbox page and form, changing nothing', async () => {
    const { owner } = await adminOf('mbx-lead');
    const id = await apiMailbox(owner, { name: 'Support', from_address: 'help@mbx-lead.test' });
    const lead = await browser.signIn(await t.member(owner, 'lead'), 'mbx-lead');
    for (const path of ['/app/admin/mailboxes', '/app/admin/mailboxes/new', `/app/admin/mailboxes/${id}`]) expect([path, (await lead.get(path)).status]).toEqual([path, 403]);
    const posts: [string, Record<string, string>][] = [
      ['/app/admin/mailboxes', FORM],
      [`/app/admin/mailboxes/${id}`, { ...FORM, name: 'Taken' }],
      [`/app/admin/mailboxes/${id}/enabled`, { enabled: 'off' }],
      [`/app/admin/mailboxes/${id}/inbound-token`, {}],
      [`/app/admin/mailboxes/${id}/test`, {}],
      [`/app/admin/mailboxes/${id}/delete`, {}],
    ];
    for (const [path, fields] of posts) expect([path, (await lead.post(path, fields)).status]).toEqual([path, 403]);
    expect(await rows(owner.orgId)).toMatchObject([{ name: 'Support', enabled: true, inbound_token_hash: null }]);
  });

  it('answers 404 for another org’s mailbox on every page and form, changing nothing', async () => {
    const { owner } = await adminOf('mbx-mine');
    const id = await apiMailbox(owner, { name: 'Support', from_address: 'help@mbx-mine.test' });
    const { admin: other } = await adminOf('mbx-theirs');
    expect((await other.get(`/app/admin/mailboxes/${id}`)).status).toBe(404);
    const posts: [string, Record<string, string>][] = [
      [`/app/admin/mailboxes/${id}`, { ...FORM, name: 'Stolen' }],
      [`/app/admin/mailboxes/${id}/enabled`, { enabled: 'off' }],
      [`/app/admin/mailboxes/${id}/inbound-token`, {}],
      [`/app/admin/mailboxes/${id}/test`, {}],
      [`/app/admin/mailboxes/${id}/delete`, {}],
    ];
    for (const [path, fields] of posts) expect([path, (await other.post(path, fields)).status]).toEqual([path, 404]);
    expect(await rows(owner.orgId)).toMatchObject([{ name: 'Support', enabled: true, inbound_token_hash: null }]);
  });
});
