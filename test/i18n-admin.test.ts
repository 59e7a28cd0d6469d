import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

/** What the admin pages show for a moment: date, time and zone in the reader's language. */
const shown = (locale: string, at: Date) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: 'UTC' }).format(at);

describe('admin pages for a German reader', () => {
  it('Users: headings, roles, buttons, notices and the expiry date are German', async () => {
    const owner = await t.org('i18n-adm-users');
    await t.member(owner, 'agent');
    await t.speaks(owner, 'de');
    const admin = await browser.signIn(owner, 'i18n-adm-users');

    const invited = await admin.post('/app/admin/users/invite', { email: 'neu@i18n-adm-users.test', role: 'agent' });
    expect(invited.status).toBe(200);
    const html = await invited.text();
    expect(html).toContain('Einladung an neu@i18n-adm-users.test gesendet.');
    const [inv] = await t.owner<{ expires_at: Date }[]>`select expires_at from invitations where org_id = ${owner.orgId}`;
    expect(html).toContain(shown('de-DE', inv!.expires_at));
    expect(html).toMatch(/\d{1,2}\. [A-ZÄÖÜ][a-zä]+\.? \d{4}, \d{2}:\d{2} UTC/);

    const page = await (await admin.get('/app/admin/users')).text();
    for (const german of ['Benutzer · Verwaltung', 'Jemanden einladen', 'Einladung senden', 'Offene Einladungen', 'Zurückziehen', 'Teamleitung', 'Aktiv', 'Sperren', '(Sie)']) {
      expect(page, german).toContain(german);
    }
    for (const english of ['Invite someone', 'Send invitation', 'Pending invitations', 'Withdraw', '(you)', '>Disable<']) expect(page, english).not.toContain(english);
  });

  it('Teams: the form, the empty state and a team with its plural summary are German', async () => {
    const owner = await t.org('i18n-adm-teams');
    await t.speaks(owner, 'de');
    const admin = await browser.signIn(owner, 'i18n-adm-teams');
    expect(await (await admin.get('/app/admin/teams')).text()).toContain('Noch keine Teams.');

    const created = await admin.post('/app/admin/teams', { name: 'Billing' });
    const html = await created.text();
    expect(html).toContain('Team „Billing“ erstellt.');
    expect(html).toContain('manuelle Zuweisung · 0 Mitglieder');
    expect(html).toContain('Mitglieder von Billing speichern');
    expect(html).not.toContain('New team');
    expect(html).not.toContain('manual assignment');
  });

  it('Roles: permissions in words, role names and the link to Users are German', async () => {
    const owner = await t.org('i18n-adm-roles');
    await t.speaks(owner, 'de');
    const admin = await browser.signIn(owner, 'i18n-adm-roles');
    const html = await (await admin.get('/app/admin/roles')).text();
    for (const german of ['Rollen · Verwaltung', 'Die Rollen sind fest vorgegeben.', '<a href="/app/admin/users">Benutzer</a>', 'Berechtigung', 'Alle Tickets lesen', 'Inhaber', 'aria-label="ja"']) {
      expect(html, german).toContain(german);
    }
    expect(html).not.toContain('Read every ticket');
    expect(html).not.toContain('Roles are fixed');
  });

  it('Settings: each form and the language choice are German, each language named in itself', async () => {
    const owner = await t.org('i18n-adm-settings');
    await t.speaks(owner, 'de');
    const admin = await browser.signIn(owner, 'i18n-adm-settings');
    const html = await (await admin.get('/app/admin/settings')).text();
    for (const german of ['Einstellungen · Verwaltung', 'Standardsprache', 'Suchsprache', 'Zwei-Faktor-Authentifizierung', 'Zulassungsliste speichern', '>English<', '>Deutsch<']) {
      expect(html, german).toContain(german);
    }
    expect(html).not.toContain('Default language');
    expect(html).not.toContain('Search language');

    const bad = await admin.post('/app/admin/settings/general', { default_locale: 'en', search_language: 'english', solved_autoclose_days: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="general-solved_autoclose_days-error"[^>]*>muss zwischen 1 und 365 liegen/);
  });

  it('API keys: the form, the new key, the list with its last use and revoking are German', async () => {
    const owner = await t.org('i18n-adm-keys');
    await t.speaks(owner, 'de');
    const admin = await browser.signIn(owner, 'i18n-adm-keys');
    const created = await admin.post('/app/admin/api-keys', { name: 'CRM', 'perm_org.read': 'on' });
    const html = await created.text();
    expect(html).toContain('<strong>Schlüssel „CRM“ erstellt.</strong> Kopieren Sie ihn jetzt');
    expect(html).toContain('Neuer API-Schlüssel');
    expect(html).toContain('>nie<');
    expect(html).not.toContain('Create key');

    const used = new Date('2026-12-04T14:05:00Z');
    await t.owner`update api_keys set last_used_at = ${used} where org_id = ${owner.orgId}`;
    const list = await (await admin.get('/app/admin/api-keys')).text();
    expect(list).toContain('4. Dez. 2026, 14:05 UTC');
    expect(list).toContain('Zuletzt verwendet');

    const [key] = await t.owner<{ id: string }[]>`select id from api_keys where org_id = ${owner.orgId}`;
    const revoked = await (await admin.post(`/app/admin/api-keys/${key!.id}/revoke`)).text();
    expect(revoked).toContain('Schlüssel widerrufen: Anfragen damit erhalten jetzt 401.');
    expect(revoked).toContain('>Widerrufen<');
  });

  it('Audit log: filters, the chain and the entries with their dates are German', async () => {
    const owner = await t.org('i18n-adm-audit');
    await t.speaks(owner, 'de');
    const admin = await browser.signIn(owner, 'i18n-adm-audit');
    await admin.post('/app/admin/teams', { name: 'Support' });
    const html = await (await admin.get('/app/admin/audit')).text();
    for (const german of ['Audit-Protokoll · Verwaltung', 'Audit-Protokoll filtern', 'Die Audit-Kette ist unversehrt', 'Zeitpunkt', 'Akteur', 'Filtern']) {
      expect(html, german).toContain(german);
    }
    const [entry] = await t.owner<{ at: Date }[]>`select at from audit_log where org_id = ${owner.orgId} order by seq desc limit 1`;
    expect(html).toContain(shown('de-DE', entry!.at));
    expect(html).not.toContain('The audit chain is intact');

    const none = await (await admin.get('/app/admin/audit?action=nothing.here.')).text();
    expect(none).toContain('Keine Einträge entsprechen diesen Filtern. <a href="/app/admin/audit">Filter zurücksetzen</a>');
  });
});

describe('the org default language', () => {
  it('is saved from Settings and read by members without their own language; an English reader is unchanged', async () => {
    const owner = await t.org('i18n-adm-default');
    const plain = await t.member(owner, 'admin');
    const english = await t.member(owner, 'admin');
    await t.speaks(english, 'en');
    const admin = await browser.signIn(owner, 'i18n-adm-default');

    const before = await (await admin.get('/app/admin/settings')).text();
    expect(before).toContain('Default language');
    expect(before).toMatch(/<option value="en" selected="">English<\/option>/);

    const bad = await admin.post('/app/admin/settings/general', { default_locale: 'xx', search_language: 'english', solved_autoclose_days: '7' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="general-default_locale-error"[^>]*>pick one of the languages listed/);

    const saved = await admin.post('/app/admin/settings/general', { default_locale: 'de', search_language: 'english', solved_autoclose_days: '7' });
    expect(saved.status).toBe(200);
    const [org] = await t.owner<{ default_locale: string }[]>`select default_locale from organizations where id = ${owner.orgId}`;
    expect(org!.default_locale).toBe('de');

    // The owner chose no language either: from the next page on, they read German too.
    const after = await (await admin.get('/app/admin/settings')).text();
    expect(after).toContain('Standardsprache');
    expect(after).toMatch(/<option value="de" selected="">Deutsch<\/option>/);

    const plainPage = await (await (await browser.signIn(plain, 'i18n-adm-default')).get('/app/admin/users')).text();
    expect(plainPage).toContain('Jemanden einladen');
    expect(plainPage).not.toContain('Invite someone');

    const englishPage = await (await (await browser.signIn(english, 'i18n-adm-default')).get('/app/admin/users')).text();
    expect(englishPage).toContain('Invite someone');
    expect(englishPage).toContain('Users · Admin');
    expect(englishPage).not.toContain('Jemanden einladen');
  });

  it('leaves an English reader’s pages and dates as they were', async () => {
    const owner = await t.org('i18n-adm-en');
    await t.speaks(owner, 'en');
    const admin = await browser.signIn(owner, 'i18n-adm-en');
    await admin.post('/app/admin/api-keys', { name: 'CRM', 'perm_org.read': 'on' });
    await t.owner`update api_keys set last_used_at = ${new Date('2026-12-04T14:05:00Z')} where org_id = ${owner.orgId}`;
    const keys = await (await admin.get('/app/admin/api-keys')).text();
    expect(keys).toContain('4 Dec 2026, 14:05 UTC');
    expect(keys).toContain('Last used');
    const teams = await (await admin.post('/app/admin/teams', { name: 'Billing', round_robin: 'on' })).text();
    expect(teams).toContain('Team “Billing” created. Choose its members below.');
    expect(teams).toContain('round-robin · 0 members');
    const roles = await (await admin.get('/app/admin/roles')).text();
    expect(roles).toContain('Read every ticket');
    expect(roles).toContain('Roles are fixed.');
  });
});
