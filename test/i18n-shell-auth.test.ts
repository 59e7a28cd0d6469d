import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient, type PageSession } from './helpers/page-client.ts';

/**
 * Issue 16, the page shell, sign-in and account pages: a visitor's Accept-Language picks the
 * language of the signed-out pages, a member's own language that of the signed-in ones, and the
 * sessions table's dates follow the reader's locale and time zone.
 */
const t = useTestApp();
const browser = pageClient(t);
let owner: Member;
let german: PageSession;
let english: PageSession;

beforeAll(async () => {
  owner = await t.org('i18n-shell');
  const agent = await t.member(owner, 'agent', 'agent@i18n-shell.test');
  await t.speaks(agent, 'de');
  await t.owner`update users set time_zone = 'Europe/Berlin' where id = ${agent.userId}`;
  german = await browser.signIn(agent, 'i18n-shell');
  english = await browser.signIn(owner, 'i18n-shell');
});

async function page(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  return res.text();
}

/** A sign-in page as a browser asking for these languages sees it. */
const loginPage = (acceptLanguage: string) => t.request('/login', { headers: { accept: 'text/html', 'accept-language': acceptLanguage } });

describe('the signed-out pages', () => {
  it('speak German to a browser that asks for it', async () => {
    const html = await page(await loginPage('de-DE,de;q=0.9,en;q=0.5'));
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Bei ATUM DESK anmelden');
    expect(html).toContain('Organisation');
    expect(html).toContain('Passwort vergessen?');
    expect(html).toContain('Zum Inhalt springen');
    expect(html).not.toContain('Sign in to ATUM DESK');
    expect(html).not.toContain('Forgot your password?');

    const forgot = await page(await t.request('/forgot', { headers: { accept: 'text/html', 'accept-language': 'de' } }));
    expect(forgot).toContain('Passwort zurücksetzen');
    expect(forgot).toContain('Zurück zur Anmeldung');
    expect(forgot).not.toContain('Send reset link');
  });

  it('stay English for a browser that asks for English', async () => {
    const html = await page(await loginPage('en-US,en;q=0.9'));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign in to ATUM DESK');
    expect(html).toContain('Forgot your password?');
    expect(html).not.toContain('Bei ATUM DESK anmelden');
  });

  it('say a failed sign-in in German too', async () => {
    const res = await t.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ org: 'i18n-shell', email: 'agent@i18n-shell.test', password: 'not the password at all' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'accept-language': 'de' },
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Bei ATUM DESK anmelden');
  });
});

describe('the account pages', () => {
  it('show the security page in the member’s own language, with the top bar', async () => {
    const html = await page(await german.get('/app/account/security'));
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<title>Sicherheit · ATUM DESK</title>');
    expect(html).toContain('Zwei-Faktor-Authentifizierung einrichten');
    expect(html).toContain('<strong data-testid="totp-status">Aus</strong>');
    expect(html).toContain('Abmelden');
    expect(html).toContain('Warteschlangen');
    expect(html).toContain('Tastenkürzel');
    expect(html).toContain('<span class="muted role">Agent</span>');
    expect(html).not.toContain('Set up two-factor authentication');
    expect(html).not.toContain('Keyboard shortcuts');
  });

  it('show the sessions page in German, its dates the German way in the member’s zone', async () => {
    const html = await page(await german.get('/app/account/sessions'));
    expect(html).toContain('<h1>Sitzungen</h1>');
    expect(html).toContain('Ihre aktiven Sitzungen');
    expect(html).toContain('IP-Adresse');
    expect(html).toContain('Zuletzt aktiv');
    expect(html).not.toContain('Last seen');
    expect(html).not.toContain(' UTC</time>');

    const [session] = await t.owner<{ created_at: Date }[]>`
      select s.created_at from sessions s join users u on u.id = s.user_id
      where u.email = 'agent@i18n-shell.test' and s.revoked_at is null order by s.created_at limit 1`;
    const berlin = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(session!.created_at);
    expect(berlin).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    expect(html).toContain(`>${berlin}</time>`);
  });

  it('stay English for a member who reads English', async () => {
    const security = await page(await english.get('/app/account/security'));
    expect(security).toContain('<html lang="en">');
    expect(security).toContain('Set up two-factor authentication');
    expect(security).toContain('<span class="muted role">Owner</span>');
    expect(security).not.toContain('Zwei-Faktor');

    const sessions = await page(await english.get('/app/account/sessions'));
    expect(sessions).toContain('Your active sessions');
    expect(sessions).toMatch(/>\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}<\/time>/);
    expect(sessions).not.toContain('Sitzungen');
  });
});
