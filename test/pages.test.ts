import { describe, expect, it } from 'vitest';
import { totpCode } from '#lib/auth/totp.ts';
import { TEST_PASSWORD, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
const ORIGIN = 'http://atum.test';
const FORM = 'application/x-www-form-urlencoded';

/** `name=value` of every cookie a response sets, plus the raw Set-Cookie lines. */
function setCookies(res: Response): { jar: Record<string, string>; lines: string[] } {
  const lines = res.headers.getSetCookie();
  const jar: Record<string, string> = {};
  for (const line of lines) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar[pair!.slice(0, eq)] = pair!.slice(eq + 1);
  }
  return { jar, lines };
}

const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** A browser's form post: urlencoded, asking for HTML. `htmx` adds what htmx sends. */
function post(path: string, fields: Record<string, string>, opts: { cookies?: Record<string, string>; htmx?: boolean; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': FORM, accept: 'text/html', ...opts.headers };
  if (opts.cookies) headers.cookie = cookieHeader(opts.cookies);
  if (opts.htmx) {
    headers['hx-request'] = 'true';
    headers.origin ??= ORIGIN;
  }
  return t.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers });
}

function get(path: string, opts: { cookies?: Record<string, string>; htmx?: boolean } = {}) {
  const headers: Record<string, string> = { accept: 'text/html' };
  if (opts.cookies) headers.cookie = cookieHeader(opts.cookies);
  if (opts.htmx) headers['hx-request'] = 'true';
  return t.request(path, { headers });
}

async function signIn(m: Member, slug: string): Promise<Record<string, string>> {
  const res = await post('/login', { org: slug, email: m.email, password: TEST_PASSWORD });
  expect(res.status).toBe(303);
  return setCookies(res).jar;
}

describe('signing in with the form', () => {
  it('sets both session cookies HttpOnly and SameSite=Lax, then redirects (303, or HX-Redirect for htmx)', async () => {
    const owner = await t.org('login-ok');
    const res = await post('/login', { org: 'login-ok', email: owner.email, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app');
    const { jar, lines } = setCookies(res);
    expect(Object.keys(jar).sort()).toEqual(['atum_at', 'atum_rt']);
    for (const line of lines) {
      expect(line).toMatch(/; HttpOnly/i);
      expect(line).toMatch(/; SameSite=Lax/i);
      expect(line).toMatch(/; Path=\//);
    }
    // The cookies open the app, whose top bar names the person and links to their account pages.
    const app = await get('/app', { cookies: jar });
    expect(app.status).toBe(200);
    const html = await app.text();
    expect(html).toContain('Org login-ok');
    expect(html).toContain('href="/app/account/security"');
    expect(html).toContain('href="/app/account/sessions"');
    expect(html).toContain('hx-post="/logout"');

    const htmx = await post('/login', { org: 'login-ok', email: owner.email, password: TEST_PASSWORD, next: '/app/account/sessions' }, { htmx: true });
    expect(htmx.status).toBe(204);
    expect(htmx.headers.get('hx-redirect')).toBe('/app/account/sessions');
    expect(htmx.headers.get('location')).toBeNull();
    expect(Object.keys(setCookies(htmx).jar).sort()).toEqual(['atum_at', 'atum_rt']);
  });

  it('re-renders the form with the error and 401 on a wrong password, keeping org and email but never the password', async () => {
    const owner = await t.org('login-bad');
    const res = await post('/login', { org: 'login-bad', email: owner.email, password: 'not the password at all', next: '/app/account/security' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.getSetCookie()).toEqual([]);
    const html = await res.text();
    expect(html).toMatch(/<p class="error" role="alert">The organization, email or password is not right<\/p>/);
    expect(html).toContain('value="login-bad"');
    expect(html).toContain(`value="${owner.email}"`);
    expect(html).toContain('value="/app/account/security"');
    expect(html).not.toContain('not the password at all');
    expect(html).toMatch(/<input[^>]*name="password"[^>]*aria-invalid="true"/);
    // htmx gets the card alone, to swap into the page.
    const fragment = await post('/login', { org: 'login-bad', email: owner.email, password: 'still wrong, sadly' }, { htmx: true });
    expect(fragment.status).toBe(401);
    const card = await fragment.text();
    expect(card).toContain('id="login-card"');
    expect(card).not.toContain('<html');
  });

  it('answers a throttled account with 429, Retry-After and the message on the form', async () => {
    const owner = await t.org('login-throttle');
    let res: Response | undefined;
    for (let i = 0; i < 7; i++) {
      res = await post('/login', { org: 'login-throttle', email: owner.email, password: `wrong password ${i}` });
      if (res.status === 429) break;
    }
    expect(res!.status).toBe(429);
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res!.text()).toMatch(/role="alert">Too many attempts; try again in (1 second|\d+ seconds)</);
  });

  it('ignores a `next` that leads to another site', async () => {
    const owner = await t.org('login-next');
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example/', '/\t/evil.example']) {
      const res = await post('/login', { org: 'login-next', email: owner.email, password: TEST_PASSWORD, next });
      expect(res.status, next).toBe(303);
      expect(res.headers.get('location'), next).toBe('/app');
      const page = await get(`/login?next=${encodeURIComponent(next)}`);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain('name="next"');
    }
    const page = await get('/login?next=%2Fapp%2Faccount%2Fsessions');
    expect(await page.text()).toContain('<input type="hidden" name="next" value="/app/account/sessions"');
  });

  it('refuses a sign-in form posted from another site', async () => {
    const owner = await t.org('login-csrf');
    const res = await post('/login', { org: 'login-csrf', email: owner.email, password: TEST_PASSWORD }, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('takes form posts only (JSON gets 415), and no larger than 64 KiB (413)', async () => {
    const res = await t.request('/login', { method: 'POST', body: { org: 'x', email: 'a@b.test', password: 'x' }, headers: { accept: 'text/html' } });
    expect(res.status).toBe(415);
    // No Content-Length here (app.request sends none), so the cap holds while the body streams.
    const big = await post('/login', { org: 'x', email: 'a@b.test', password: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
  });

  it('sends a member of an org that requires 2FA to set it up first', async () => {
    const owner = await t.org('login-req');
    await t.owner`update organizations set require_2fa = true where id = ${owner.orgId}`;
    const res = await post('/login', { org: 'login-req', email: owner.email, password: TEST_PASSWORD, next: '/app' });
    expect(res.headers.get('location')).toBe('/app/account/security');
    const jar = setCookies(res).jar;
    const app = await get('/app', { cookies: jar });
    expect(app.status).toBe(302);
    expect(app.headers.get('location')).toBe('/app/account/security');
    const security = await get('/app/account/security', { cookies: jar });
    expect(security.status).toBe(200);
    expect(await security.text()).toContain('Your organization requires two-factor authentication.');
  });
});

describe('the signed-in pages', () => {
  it('send anonymous visitors to sign in and back: 302, or HX-Redirect for htmx', async () => {
    const res = await get('/app');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fapp');
    const deep = await get('/app/account/sessions');
    expect(deep.headers.get('location')).toBe('/login?next=%2Fapp%2Faccount%2Fsessions');
    const htmx = await t.request('/app/account/security/totp', {
      method: 'POST',
      headers: { 'hx-request': 'true', 'hx-current-url': 'http://atum.test/app/account/security', accept: 'text/html', origin: ORIGIN },
    });
    expect(htmx.status).toBe(204);
    expect(htmx.headers.get('hx-redirect')).toBe('/login?next=%2Fapp%2Faccount%2Fsecurity');
  });

  it('refuse a cookie-authenticated post without HX-Request, or from a foreign Origin', async () => {
    const owner = await t.org('csrf-pages');
    const jar = await signIn(owner, 'csrf-pages');
    const noHeader = await t.request('/app/account/security/totp', { method: 'POST', headers: { cookie: cookieHeader(jar), origin: ORIGIN, accept: 'text/html' } });
    expect(noHeader.status).toBe(403);
    const foreign = await t.request('/app/account/security/totp', {
      method: 'POST',
      headers: { cookie: cookieHeader(jar), origin: 'https://evil.example', 'hx-request': 'true', accept: 'text/html' },
    });
    expect(foreign.status).toBe(403);
    const noOrigin = await t.request('/app/account/security/totp', { method: 'POST', headers: { cookie: cookieHeader(jar), 'hx-request': 'true', accept: 'text/html' } });
    expect(noOrigin.status).toBe(403);
    // htmx gets the refusal as a fragment to swap in, not a whole page.
    expect(await foreign.text()).toMatch(/^<p class="error" role="alert">Cross-site request refused/);
    const ok = await post('/app/account/security/totp', {}, { cookies: jar, htmx: true });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('data-testid="totp-secret"');
  });

  it('lets a plain form sign in again while the browser still holds the cookies of a revoked session', async () => {
    const owner = await t.org('stale-cookie');
    const jar = await signIn(owner, 'stale-cookie');
    await t.owner`update sessions set revoked_at = now() where org_id = ${owner.orgId}`;
    const res = await post('/login', { org: 'stale-cookie', email: owner.email, password: TEST_PASSWORD }, { cookies: jar, headers: { origin: ORIGIN } });
    expect(res.status).toBe(303);
    expect(Object.keys(setCookies(res).jar).sort()).toEqual(['atum_at', 'atum_rt']);
  });

  it('logout ends the session, records it and clears the cookies; the old cookies then open nothing', async () => {
    const owner = await t.org('logout');
    const jar = await signIn(owner, 'logout');
    const res = await post('/logout', {}, { cookies: jar, htmx: true });
    expect(res.status).toBe(204);
    expect(res.headers.get('hx-redirect')).toBe('/login');
    const cleared = setCookies(res);
    expect(cleared.jar).toEqual({ atum_at: '', atum_rt: '' });
    for (const line of cleared.lines) expect(line).toMatch(/Max-Age=0/i);
    const [row] = await t.owner<{ n: number }[]>`select count(*)::int as n from audit_log where org_id = ${owner.orgId} and action = 'auth.logout'`;
    expect(row!.n).toBe(1);
    // The refresh cookie alone cannot start the session again...
    const refreshOnly = await get('/app', { cookies: { atum_rt: jar.atum_rt! } });
    expect(refreshOnly.status).toBe(302);
    expect(refreshOnly.headers.get('location')).toBe('/login?next=%2Fapp');
    // ...and the access cookie, though its token has not expired, names a session that has ended.
    const accessOnly = await get('/app', { cookies: { atum_at: jar.atum_at! } });
    expect(accessOnly.status).toBe(302);
    expect(accessOnly.headers.get('location')).toBe('/login?next=%2Fapp');
    // Signing out again is harmless.
    expect((await post('/logout', {}, { htmx: true })).status).toBe(204);
  });

  it('lists the sessions with this device marked, and signs one out', async () => {
    const owner = await t.org('sessions');
    const other = await signIn(owner, 'sessions');
    const jar = await signIn(owner, 'sessions');
    const page = await get('/app/account/sessions', { cookies: jar });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.match(/<tr>/g)?.length).toBe(3); // header + two sessions
    expect(html).toContain('(this device)');
    const ids = [...html.matchAll(/hx-post="\/app\/account\/sessions\/([0-9a-f-]{36})\/revoke" hx-confirm="([^"]*)"/g)];
    expect(ids).toHaveLength(2);
    const otherId = ids.find((m) => m[2] !== 'Sign out of this device?')![1]!;
    const self = ids.find((m) => m[2] === 'Sign out of this device?')![1]!;
    const revoked = await post(`/app/account/sessions/${otherId}/revoke`, {}, { cookies: jar, htmx: true });
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain('role="status">Signed out.');
    expect((await get('/app', { cookies: other })).status).toBe(302);
    expect((await get('/app', { cookies: jar })).status).toBe(200);
    const again = await post(`/app/account/sessions/${otherId}/revoke`, {}, { cookies: jar, htmx: true });
    expect(again.status).toBe(404);
    // Signing out this device is signing out.
    const out = await post(`/app/account/sessions/${self}/revoke`, {}, { cookies: jar, htmx: true });
    expect(out.status).toBe(204);
    expect(out.headers.get('hx-redirect')).toBe('/login');
    expect(setCookies(out).jar).toEqual({ atum_at: '', atum_rt: '' });
  });
});

describe('two-factor authentication through the pages', () => {
  it('enrols, then signs in with the password and a code, and turns 2FA off with a code', async () => {
    const owner = await t.org('mfa-pages');
    const jar = await signIn(owner, 'mfa-pages');
    const security = await get('/app/account/security', { cookies: jar });
    expect(await security.text()).toContain('data-testid="totp-status">Off<');

    const enrol = await post('/app/account/security/totp', {}, { cookies: jar, htmx: true });
    const fragment = await enrol.text();
    expect(fragment).toMatch(/<svg [^>]*role="img"/);
    const secret = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(fragment)![1]!.replace(/\s/g, '');

    const wrong = await post('/app/account/security/totp/confirm', { code: '000000' === totpCode(secret) ? '111111' : '000000' }, { cookies: jar, htmx: true });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/role="alert">That code does not match/);

    const confirmed = await post('/app/account/security/totp/confirm', { code: totpCode(secret) }, { cookies: jar, htmx: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.get('hx-retarget')).toBe('#totp-section');
    const section = await confirmed.text();
    const codes = [...section.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(section).toContain('data-testid="recovery-codes"');
    expect(section).toContain('href="/app"');
    const [enabled] = await t.owner<{ n: number }[]>`select count(*)::int as n from audit_log where org_id = ${owner.orgId} and action = 'mfa.enable'`;
    expect(enabled!.n).toBe(1);

    // The password alone now leads to the code step, never to a session.
    const step = await post('/login', { org: 'mfa-pages', email: owner.email, password: TEST_PASSWORD, next: '/app/account/sessions' }, { htmx: true });
    expect(step.status).toBe(200);
    expect(step.headers.getSetCookie()).toEqual([]);
    const stepHtml = await step.text();
    expect(stepHtml).toMatch(/<input[^>]*name="code"[^>]*autocomplete="one-time-code"/);
    expect(stepHtml).not.toMatch(/<input[^>]*name="code"[^>]*inputmode/);
    expect(stepHtml).toContain('A recovery code works too');
    const mfaToken = /name="mfa_token" value="([^"]+)"/.exec(stepHtml)![1]!;

    const bad = await post('/login/mfa', { mfa_token: mfaToken, code: '12345678x', next: '/app/account/sessions' }, { htmx: true });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain(`value="${mfaToken}"`);

    // A recovery code works in place of the app's code, once.
    const done = await post('/login/mfa', { mfa_token: mfaToken, code: codes[0]!, next: '/app/account/sessions' }, { htmx: true });
    expect(done.status).toBe(204);
    expect(done.headers.get('hx-redirect')).toBe('/app/account/sessions');
    const mfaJar = setCookies(done).jar;
    expect(Object.keys(mfaJar).sort()).toEqual(['atum_at', 'atum_rt']);
    // The MFA token is spent with the sign-in: it goes back to the password form.
    const replay = await post('/login/mfa', { mfa_token: mfaToken, code: codes[1]! }, { htmx: true });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain('name="password"');

    const wrongOff = await post('/app/account/security/totp/disable', { code: codes[0]! }, { cookies: mfaJar, htmx: true });
    expect(wrongOff.status).toBe(400);
    expect(await wrongOff.text()).toMatch(/role="alert">That code is not right/);
    const off = await post('/app/account/security/totp/disable', { code: codes[1]! }, { cookies: mfaJar, htmx: true });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain('data-testid="totp-status">Off<');
    const [disabled] = await t.owner<{ n: number }[]>`select count(*)::int as n from audit_log where org_id = ${owner.orgId} and action = 'mfa.disable'`;
    expect(disabled!.n).toBe(1);
  });
});

describe('password reset and invitations', () => {
  const NOTICE = /role="status">If that account exists, we have sent it an email/;

  it('forgot shows the same notice whatever was asked, and writes an outbox row only for a real member', async () => {
    const owner = await t.org('forgot');
    const outbox = async () => (await t.owner<{ n: number }[]>`select count(*)::int as n from outbox where org_id = ${owner.orgId} and kind = 'password_reset'`)[0]!.n;
    const unknownEmail = await post('/forgot', { org: 'forgot', email: 'nobody@forgot.test' });
    const unknownOrg = await post('/forgot', { org: 'no-such-org', email: owner.email });
    expect(await outbox()).toBe(0);
    const real = await post('/forgot', { org: 'forgot', email: owner.email }, { htmx: true, headers: { origin: ORIGIN } });
    expect(await outbox()).toBe(1);
    const bodies = await Promise.all([unknownEmail, unknownOrg, real].map(async (r) => ({ status: r.status, html: await r.text() })));
    for (const b of bodies) {
      expect(b.status).toBe(200);
      expect(b.html).toMatch(NOTICE);
    }
    // Apart from the page around it (htmx gets the card alone), the answer is the same.
    expect(bodies[0]!.html).toBe(bodies[1]!.html);
    expect(bodies[0]!.html).toContain(bodies[2]!.html.trim());
  });

  it('reset sets the new password from the emailed link and sends the browser to sign in', async () => {
    const owner = await t.org('reset');
    await post('/forgot', { org: 'reset', email: owner.email });
    const [mail] = await t.owner<{ body_text: string }[]>`select body_text from outbox where org_id = ${owner.orgId} and kind = 'password_reset'`;
    const token = decodeURIComponent(/\/reset\?token=(\S+)/.exec(mail!.body_text)![1]!);
    const page = await get(`/reset?token=${encodeURIComponent(token)}`);
    expect(await page.text()).toMatch(/<input[^>]*name="password"[^>]*autocomplete="new-password"/);

    const mismatch = await post('/reset', { token, password: 'a brand new passphrase', confirm: 'a different passphrase' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('The two passwords are not the same');
    const done = await post('/reset', { token, password: 'a brand new passphrase', confirm: 'a brand new passphrase' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login?notice=reset');
    expect(await (await get('/login?notice=reset')).text()).toContain('Your password has been changed');
    const login = await post('/login', { org: 'reset', email: owner.email, password: 'a brand new passphrase' });
    expect(login.status).toBe(303);
    const spent = await post('/reset', { token, password: 'another new passphrase', confirm: 'another new passphrase' });
    expect(spent.status).toBe(400);
    expect(await spent.text()).toMatch(/role="alert">This reset link is not valid/);
  });

  it('an invitation asks someone new for a password, then sends them to sign in', async () => {
    const owner = await t.org('invite');
    const sent = await t.request('/api/v1/invitations', { method: 'POST', as: owner, body: { email: 'newbie@invite.test', role: 'agent' } });
    expect(sent.status).toBe(201);
    const [mail] = await t.owner<{ body_text: string }[]>`select body_text from outbox where org_id = ${owner.orgId} and kind = 'invitation'`;
    const token = decodeURIComponent(/\/invite\?token=(\S+)/.exec(mail!.body_text)![1]!);
    const page = await get(`/invite?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('name="password"');

    const first = await post('/invite', { token, name: 'New Bie' }, { htmx: true });
    expect(first.status).toBe(200);
    const asked = await first.text();
    expect(asked).toContain('name="password"');
    expect(asked).toContain('value="New Bie"');

    const joined = await post('/invite', { token, name: 'New Bie', password: 'welcome to the desk', confirm: 'welcome to the desk' }, { htmx: true });
    expect(joined.status).toBe(204);
    expect(joined.headers.get('hx-redirect')).toBe('/login?notice=joined&org=invite');
    const login = await post('/login', { org: 'invite', email: 'newbie@invite.test', password: 'welcome to the desk' });
    expect(login.status).toBe(303);
  });
});
