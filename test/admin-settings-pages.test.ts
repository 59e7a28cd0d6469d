import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

describe('admin Custom fields page', () => {
  it('adds a field, shows the API schema refusals beside the fields, and a duplicate key as 409', async () => {
    const owner = await t.org('adm-fields');
    const admin = await browser.signIn(owner, 'adm-fields');
    expect(await (await admin.get('/app/admin/fields')).text()).toContain('No custom fields yet');

    const bad = await admin.post('/app/admin/fields', { label: 'Plan', key: 'Plan!', type: 'dropdown', options: '' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="field-key-error"[^>]*>must start with a-z/);
    expect(badHtml).toMatch(/id="field-options-error"[^>]*>give at least one option/);
    expect(badHtml).toContain('value="Plan!"');

    const badPattern = await admin.post('/app/admin/fields', { label: 'Code', key: 'code', type: 'regex', pattern: '(' });
    expect(badPattern.status).toBe(400);
    expect(await badPattern.text()).toMatch(/id="field-pattern-error"[^>]*>must be a valid regular expression/);

    const ok = await admin.post('/app/admin/fields', { label: 'Plan', key: 'plan', type: 'dropdown', options: 'Free\r\nPro\r\n', visible_to_customers: 'on' });
    expect(ok.status).toBe(200);
    const okHtml = await ok.text();
    expect(okHtml).toContain('Field “Plan” added');
    expect(okHtml).toContain('Free, Pro');
    const [row] = await t.owner`select options, visible_to_customers from custom_fields where org_id = ${owner.orgId} and key = 'plan'`;
    expect(row).toMatchObject({ options: ['Free', 'Pro'], visible_to_customers: true });

    const dup = await admin.post('/app/admin/fields', { label: 'Plan again', key: 'plan', type: 'text' });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toMatch(/id="field-key-error"[^>]*>A custom field with key &quot;plan&quot; already exists/);
  });

  it('is 403 for a lead', async () => {
    const owner = await t.org('adm-fields-lead');
    const lead = await browser.signIn(await t.member(owner, 'lead'), 'adm-fields-lead');
    expect((await lead.get('/app/admin/fields')).status).toBe(403);
    expect((await lead.post('/app/admin/fields', { label: 'X', key: 'x', type: 'text' })).status).toBe(403);
  });
});

describe('admin API keys page', () => {
  it('creates a key shown once that works, refuses no permissions beside the field, revokes it, and 404s for another org', async () => {
    const owner = await t.org('adm-keys');
    const admin = await browser.signIn(owner, 'adm-keys');
    const none = await admin.post('/app/admin/api-keys', { name: 'CRM' });
    expect(none.status).toBe(400);
    expect(await none.text()).toMatch(/id="key-permissions-error"[^>]*>give the key at least one permission/);
    const past = await admin.post('/app/admin/api-keys', { name: 'CRM', 'perm_org.read': 'on', expires_on: '2001-01-01' });
    expect(past.status).toBe(400);
    expect(await past.text()).toMatch(/id="key-expires_on-error"[^>]*>must be in the future/);

    const created = await admin.post('/app/admin/api-keys', { name: 'CRM sync', 'perm_org.read': 'on', 'perm_tickets.read_all': 'on' });
    expect(created.status).toBe(200);
    const html = await created.text();
    const key = /data-testid="new-api-key">([^<]+)</.exec(html)?.[1];
    expect(key).toBeTruthy();
    expect((await t.request('/api/v1/org', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    // Shown once: the page never shows it again.
    expect(await (await admin.get('/app/admin/api-keys')).text()).not.toContain(key!);

    const [row] = await t.owner<{ id: string }[]>`select id from api_keys where org_id = ${owner.orgId}`;
    const other = await browser.signIn(await t.org('adm-keys-2'), 'adm-keys-2');
    expect((await other.post(`/app/admin/api-keys/${row!.id}/revoke`)).status).toBe(404);
    expect((await t.request('/api/v1/org', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    const revoked = await admin.post(`/app/admin/api-keys/${row!.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain('Key revoked');
    expect((await t.request('/api/v1/org', { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });
});

describe('admin Settings page', () => {
  it('saves search language and auto-close days, with a bad number beside its field', async () => {
    const owner = await t.org('adm-settings');
    const admin = await browser.signIn(owner, 'adm-settings');
    const page = await (await admin.get('/app/admin/settings')).text();
    expect(page).toContain('<option value="german"');

    const bad = await admin.post('/app/admin/settings/general', { search_language: 'english', solved_autoclose_days: '999' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="general-solved_autoclose_days-error"[^>]*>must be 1 to 365/);
    const badLanguage = await admin.post('/app/admin/settings/general', { search_language: 'klingon', solved_autoclose_days: '3' });
    expect(badLanguage.status).toBe(422);
    expect(await badLanguage.text()).toMatch(/id="general-search_language-error"[^>]*>PostgreSQL has no text search language/);

    const ok = await admin.post('/app/admin/settings/general', { search_language: 'german', solved_autoclose_days: '10' });
    expect(ok.status).toBe(200);
    const [org] = await t.owner`select search_language::text, solved_autoclose_days from organizations where id = ${owner.orgId}`;
    expect(org).toMatchObject({ search_language: 'german', solved_autoclose_days: 10 });
  });

  it('requires 2FA of everyone when the box is ticked, and not when it is not', async () => {
    const owner = await t.org('adm-2fa');
    const admin = await browser.signIn(owner, 'adm-2fa');
    const off = await admin.post('/app/admin/settings/security', {});
    expect(off.status).toBe(200);
    expect((await t.owner`select require_2fa from organizations where id = ${owner.orgId}`)[0]!.require_2fa).toBe(false);
    const on = await admin.post('/app/admin/settings/security', { require_2fa: 'on' });
    expect(on.status).toBe(200);
    expect(await on.text()).toMatch(/name="require_2fa" value="on" checked/);
    expect((await t.owner`select require_2fa from organizations where id = ${owner.orgId}`)[0]!.require_2fa).toBe(true);
  });

  it('refuses an allowlist that would lock the admin out with a readable 409 beside the field, and saves one that includes them', async () => {
    const owner = await t.org('adm-allow');
    const admin = await browser.signIn(owner, 'adm-allow');
    const page = await (await admin.get('/app/admin/settings')).text();
    const myIp = /Your address now is ([^:]+?): the list/.exec(page)?.[1];
    expect(myIp).toBeTruthy();

    const lockout = await admin.post('/app/admin/settings/allowlist', { ip_allowlist: '203.0.113.0/24' });
    expect(lockout.status).toBe(409);
    const html = await lockout.text();
    expect(html).toMatch(/id="allowlist-ip_allowlist-error"[^>]*>The allowlist must include your own address/);
    expect(html).toContain('203.0.113.0/24</textarea>');

    const junk = await admin.post('/app/admin/settings/allowlist', { ip_allowlist: 'office\n10.0.0.0/8' });
    expect(junk.status).toBe(400);
    expect(await junk.text()).toMatch(/id="allowlist-ip_allowlist-error"[^>]*>each line must be an IPv4 or IPv6 address/);
    expect((await t.owner`select cardinality(ip_allowlist) as n from organizations where id = ${owner.orgId}`)[0]!.n).toBe(0);

    const mine = await admin.post('/app/admin/settings/allowlist', { ip_allowlist: `${myIp}\n203.0.113.0/24\n` });
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain('Allowlist saved');
    expect((await t.owner`select cardinality(ip_allowlist) as n from organizations where id = ${owner.orgId}`)[0]!.n).toBe(2);
  });
});

describe('admin Mailboxes page', () => {
  it('shows each mailbox as ok or failing with its last error and next try, and only the org’s own', async () => {
    const owner = await t.org('adm-mail');
    const other = await t.org('adm-mail-2');
    await t.owner`
      insert into mailboxes (org_id, name, from_address, imap_host, status, last_error, failing_since, consecutive_failures, next_try_at)
      values (${owner.orgId}, 'Support', 'help@adm-mail.test', null, 'failing', 'IMAP login failed: bad password', now(), 3, now() + interval '5 minutes'),
             (${owner.orgId}, 'Sales', 'sales@adm-mail.test', null, 'ok', null, null, 0, now()),
             (${other.orgId}, 'Theirs', 'help@adm-mail-2.test', null, 'ok', null, null, 0, now())`;
    const admin = await browser.signIn(owner, 'adm-mail');
    const res = await admin.get('/app/admin/mailboxes');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('IMAP login failed: bad password');
    expect(html).toContain('Failing');
    expect(html).toContain('3 tries');
    expect(html).toContain('Sales');
    expect(html).not.toContain('Theirs');
  });
});

describe('admin Audit log page', () => {
  it('lists entries with the chain state, filters by action prefix, shows a bad filter beside its field, and never another org’s entries', async () => {
    const owner = await t.org('adm-audit');
    const other = await t.org('adm-audit-2');
    const admin = await browser.signIn(owner, 'adm-audit');
    await admin.post('/app/admin/teams', { name: 'Audited team' });
    const otherAdmin = await browser.signIn(other, 'adm-audit-2');
    await otherAdmin.post('/app/admin/teams', { name: 'Their secret team' });

    const page = await admin.get('/app/admin/audit');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('The audit chain is intact');
    expect(html).toContain('team.create');
    expect(html).toContain('Audited team');
    expect(html).not.toContain('Their secret team');

    const filtered = await admin.get('/app/admin/audit?action=auth.', { htmx: true });
    expect(filtered.status).toBe(200);
    const fhtml = await filtered.text();
    expect(fhtml).not.toContain('<html');
    expect(fhtml).toContain('auth.login');
    expect(fhtml).not.toContain('team.create');

    const bad = await admin.get('/app/admin/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="audit-from-error"[^>]*>must be an ISO 8601 timestamp/);

    const lead = await browser.signIn(await t.member(owner, 'lead'), 'adm-audit');
    expect((await lead.get('/app/admin/audit')).status).toBe(403);
  });
});
