import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' };

interface Me {
  locale: string | null;
  time_zone: string | null;
  reads_in: { locale: string; time_zone: string };
}

beforeAll(async () => {
  owner = await t.org('pref-co');
  agent = await t.member(owner, 'agent');
});

describe('a person’s own language and time zone', () => {
  it('PATCH /api/v1/me saves them, and the answer is already in the new language', async () => {
    const res = await t.request('/api/v1/me', { method: 'PATCH', as: agent, body: { locale: 'de', time_zone: 'Asia/Tokyo' } });
    expect(res.status).toBe(200);
    expect(await json<Me>(res)).toMatchObject({ locale: 'de', time_zone: 'Asia/Tokyo', reads_in: { locale: 'de', time_zone: 'Asia/Tokyo' } });
    const page = await (await t.request('/app/account/preferences', { as: agent })).text();
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('Sprache und Zeitzone');
    expect(page).toContain('value="Asia/Tokyo"');
    // Back to the org's: null.
    const reset = await json<Me>(await t.request('/api/v1/me', { method: 'PATCH', as: agent, body: { locale: null, time_zone: null } }));
    expect(reset).toMatchObject({ locale: null, time_zone: null, reads_in: { locale: 'en', time_zone: 'UTC' } });
  });

  it('refuses a language the catalogue does not speak and a zone that does not exist, in the caller’s language, saving nothing', async () => {
    await t.speaks(agent, 'de');
    const fr = await t.request('/api/v1/me', { method: 'PATCH', as: agent, body: { locale: 'fr' } });
    expect(fr.status).toBe(400);
    expect(await json<{ error: { code: string } }>(fr)).toMatchObject({ error: { code: 'validation_failed' } });
    const empty = await t.request('/api/v1/me', { method: 'PATCH', as: agent, body: { time_zone: '' } });
    expect(await json<{ error: { code: string } }>(empty)).toMatchObject({ error: { code: 'validation_failed' } });
    const zone = await t.request('/api/v1/me', { method: 'PATCH', as: agent, body: { time_zone: 'Mars/Olympus' } });
    expect(zone.status).toBe(400);
    const body = await json<{ error: { code: string; message: string } }>(zone);
    expect(body.error).toMatchObject({ code: 'validation_failed', message: 'Mars/Olympus ist keine Zeitzone (verwenden Sie einen IANA-Namen wie Europe/Berlin)' });
    const page = await t.request('/app/account/preferences', { method: 'POST', as: agent, headers: formHeaders, body: form({ locale: 'en', time_zone: 'Mars/Olympus' }) });
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain('Mars/Olympus ist keine Zeitzone');
    expect(html).toContain('value="Mars/Olympus"');
    const [row] = await t.owner`select locale, time_zone from users where id = ${agent.userId}`;
    expect(row).toEqual({ locale: 'de', time_zone: null });
  });

  it('the preferences form saves both and reloads the page; empty goes back to the org’s', async () => {
    const res = await t.request('/app/account/preferences', { method: 'POST', as: agent, headers: formHeaders, body: form({ locale: 'en', time_zone: 'Europe/Berlin' }) });
    expect(res.status).toBe(204);
    expect(res.headers.get('hx-redirect')).toBe('/app/account/preferences?saved=1');
    expect(await t.owner`select locale, time_zone from users where id = ${agent.userId}`).toEqual([{ locale: 'en', time_zone: 'Europe/Berlin' }]);
    const page = await (await t.request('/app/account/preferences?saved=1', { as: agent })).text();
    expect(page).toContain('Saved.');
    await t.request('/app/account/preferences', { method: 'POST', as: agent, headers: formHeaders, body: form({ locale: '', time_zone: '' }) });
    expect(await t.owner`select locale, time_zone from users where id = ${agent.userId}`).toEqual([{ locale: null, time_zone: null }]);
  });

  it('the account menu switches the language of the person and reloads the page', async () => {
    const res = await t.request('/app/account/language', { method: 'POST', as: agent, headers: formHeaders, body: form({ locale: 'de' }) });
    expect(res.status).toBe(204);
    expect(res.headers.get('hx-refresh')).toBe('true');
    expect(res.headers.get('set-cookie')).toContain('atum_lang=de');
    expect(await t.owner`select locale from users where id = ${agent.userId}`).toEqual([{ locale: 'de' }]);
    const page = await (await t.request('/app/account/sessions', { as: agent })).text();
    expect(page).toMatch(/<select id="language-menu-locale" name="locale"[^>]*>/);
    expect(page).toContain('<option value="de" lang="de" selected="">Deutsch</option>');
    expect(page).toContain('<option value="en" lang="en">English</option>');
    await t.speaks(agent, null);
  });

  it('a visitor’s choice before signing in is kept in a cookie and outranks the browser’s', async () => {
    const res = await t.app.request('/language', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'http://atum.test/login?next=%2Fapp' },
      body: form({ locale: 'de' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fapp');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toBe('atum_lang=de');
    const login = await (await t.app.request('/login', { headers: { cookie, 'accept-language': 'en' } })).text();
    expect(login).toContain('<html lang="de">');
    // Another site as the referer is not followed.
    const away = await t.app.request('/language', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'https://evil.example/x' },
      body: form({ locale: 'en' }),
    });
    expect(away.headers.get('location')).toBe('/');
    const bad = await t.app.request('/language', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ locale: 'xx' }) });
    expect(bad.status).toBe(400);
  });

  it('a member who chose nothing reads the org’s default language, and their own choice outranks it', async () => {
    await t.owner`update organizations set default_locale = 'de' where id = ${owner.orgId}`;
    try {
      const page = await (await t.request('/app/account/sessions', { as: agent, headers: { 'accept-language': 'en' } })).text();
      expect(page).toContain('<html lang="de">');
      await t.speaks(agent, 'en');
      const own = await (await t.request('/app/account/sessions', { as: agent })).text();
      expect(own).toContain('<html lang="en">');
    } finally {
      await t.owner`update organizations set default_locale = 'en' where id = ${owner.orgId}`;
      await t.speaks(agent, null);
    }
  });

  it('PATCH /api/v1/org sets the org’s default language, audited; an unknown one is a 400', async () => {
    const res = await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { default_locale: 'de' } });
    onTestFinished(async () => {
      await t.owner`update organizations set default_locale = 'en' where id = ${owner.orgId}`;
    });
    expect(res.status).toBe(200);
    expect(await t.owner`select default_locale from organizations where id = ${owner.orgId}`).toEqual([{ default_locale: 'de' }]);
    const [audit] = await t.owner<{ details: { changes: Record<string, unknown> } }[]>`
      select details from audit_log where org_id = ${owner.orgId} and action = 'org.settings_change' order by seq desc limit 1`;
    expect(audit!.details.changes).toHaveProperty('default_locale');
    expect((await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { default_locale: 'xx' } })).status).toBe(400);
    await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { default_locale: 'en' } });
  });

  it('an invitation is mailed in the org’s language, and the browser’s language is kept for the person who accepts it', async () => {
    await t.owner`update organizations set default_locale = 'de' where id = ${owner.orgId}`;
    onTestFinished(async () => {
      await t.owner`update organizations set default_locale = 'en' where id = ${owner.orgId}`;
    });
    const invited = await t.request('/api/v1/invitations', { method: 'POST', as: owner, body: { email: 'kim@pref-co.test', role: 'customer' } });
    expect(invited.status).toBe(201);
    const [mail] = await t.owner<{ subject: string; body_text: string }[]>`select subject, body_text from outbox where to_address = 'kim@pref-co.test' and kind = 'invitation'`;
    expect(mail!.subject).toBe('owner@pref-co.test hat Sie zu Org pref-co bei ATUM DESK eingeladen');
    expect(mail!.body_text).toContain('als Kunde beizutreten');
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail!.body_text)![1]!);
    await t.owner`update organizations set default_locale = 'en' where id = ${owner.orgId}`;
    const accepted = await t.app.request('/api/v1/auth/invitations/accept', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'de-AT, en;q=0.5' },
      body: JSON.stringify({ token, name: 'Kim', password: 'a long enough passphrase' }),
    });
    expect(accepted.status).toBe(201);
    const [kim] = await t.owner<{ locale: string | null }[]>`
      select m.locale from memberships m join users u on u.id = m.user_id where m.org_id = ${owner.orgId} and u.email = 'kim@pref-co.test'`;
    expect(kim!.locale).toBe('de');
  });

  it('an API key reads in its request’s Accept-Language, else the org’s default', async () => {
    const created = await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'lang', permissions: ['tickets.read_own', 'tickets.read_all'] } });
    expect(created.status).toBe(201);
    const { key } = await json<{ key: string }>(created);
    const de = await t.app.request('/api/v1/tickets/999999', { headers: { authorization: `Bearer ${key}`, 'accept-language': 'de' } });
    const en = await t.app.request('/api/v1/tickets/999999', { headers: { authorization: `Bearer ${key}` } });
    expect(de.status).toBe(404);
    expect(en.status).toBe(404);
    const deBody = await json<{ error: { code: string; message: string } }>(de);
    const enBody = await json<{ error: { code: string; message: string } }>(en);
    expect(deBody.error.code).toBe('not_found');
    expect(enBody.error.code).toBe('not_found');
    expect(deBody.error.message).not.toBe(enBody.error.message);
  });
});
