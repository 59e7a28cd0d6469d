import { describe, expect, it } from 'vitest';
import { totpCode } from '#lib/auth/totp.ts';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t, origin } = b;

describe('signing in with two-factor authentication in chromium', () => {
  it('logs in, enrols 2FA, sees the recovery codes, logs out, and logs in again with password and code', async () => {
    const owner = await t.org('browser');
    const { page, problems } = await b.newPage();
    const posts: { url: string; htmx: boolean }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push({ url: new URL(r.url()).pathname, htmx: r.headers()['hx-request'] === 'true' });
    });

    // An anonymous visit to the app lands on the sign-in page, which brings it back afterwards.
    await page.goto(`${origin}/app`);
    await page.waitForURL(`${origin}/login?next=%2Fapp`);
    await b.fillSignIn(page, 'browser', owner.email);
    await page.waitForURL(`${origin}/app`);
    expect(await page.locator('header.topbar').textContent()).toContain('Org browser');

    // Security: set up 2FA with the key shown for manual entry, as an authenticator app would.
    await page.locator('header.topbar nav a', { hasText: 'Security' }).click();
    await page.waitForURL(`${origin}/app/account/security`);
    expect(await page.getByTestId('totp-status').textContent()).toBe('Off');
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const secretElement = page.getByTestId('totp-secret');
    await secretElement.waitFor();
    const secret = (await secretElement.textContent())!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.locator('#totp-setup svg[role="img"]').count()).toBe(1);
    await page.getByLabel('Code from the app').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    expect(await page.getByTestId('totp-status').textContent()).toBe('On');
    expect(await page.getByRole('link', { name: 'Continue' }).getAttribute('href')).toBe('/app');

    // Sign out from the top bar.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${origin}/login`);
    expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);

    // The password alone now leads to the code step. The enrolment code's time step is spent
    // (replay protection), so use the code of the next step, which the ±1 step window accepts.
    await b.fillSignIn(page, 'browser', owner.email);
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    // No numeric keypad: a recovery code (letters) is accepted here too.
    expect(await code.getAttribute('inputmode')).toBeNull();
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('name')")).toBe('code');
    await code.fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(`${origin}/app`);
    expect(await page.locator('header.topbar').textContent()).toContain('Org browser');
    expect((await page.context().cookies()).map((c) => c.name).sort()).toEqual(['atum_at', 'atum_rt']);

    // Every form went through htmx (the CSRF check needs its HX-Request header on signed-in posts).
    expect(posts).toEqual(['/login', '/app/account/security/totp', '/app/account/security/totp/confirm', '/logout', '/login', '/login/mfa'].map((url) => ({ url, htmx: true })));
    await page.close();
    expect(problems.all()).toEqual([]);
  });

  it('lists the sessions and signs another device out from the Sessions page', async () => {
    const owner = await t.org('browser-sessions');
    const { page: otherPage } = await b.newPage();
    await b.signIn(otherPage, 'browser-sessions', owner.email);
    expect(otherPage.url()).toBe(`${origin}/app`);

    const { page, problems } = await b.newPage();
    await b.signIn(page, 'browser-sessions', owner.email, '/app/account/sessions');
    expect(page.url()).toBe(`${origin}/app/account/sessions`);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.filter({ hasText: 'this device' }).count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Headless Chrome on Linux');

    // hx-confirm asks first (a plain confirm(), no eval under the CSP); accept it.
    page.once('dialog', (dialog) => void dialog.accept());
    await rows
      .filter({ hasNotText: 'this device' })
      .getByRole('button', { name: /^Sign out / })
      .click();
    await page.getByRole('status').filter({ hasText: 'Signed out.' }).waitFor();

    // The other browser's session has ended: its next page load goes to sign in.
    await otherPage.goto(`${origin}/app`);
    await otherPage.waitForURL(`${origin}/login?next=%2Fapp`);
    await otherPage.close();
    await page.close();
    expect(problems.all()).toEqual([]);
  });
});
