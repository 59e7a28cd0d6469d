import { expect } from 'vitest';
import { TEST_PASSWORD, type Member, type TestApp } from './app.ts';

const ORIGIN = 'http://atum.test';

/**
 * A browser's view of the pages for HTTP-level tests: signs a member in with the form and sends
 * their cookies; `post` is what htmx sends (HX-Request, same-origin), `get` a plain page load.
 *
 * @example
 * const browser = pageClient(t);
 * const admin = await browser.signIn(owner, 'acme');
 * const res = await admin.post('/app/admin/teams', { name: 'Billing' });
 */
export function pageClient(t: TestApp) {
  function session(jar: Record<string, string>) {
    const cookie = Object.entries(jar)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    return {
      get(path: string, opts: { htmx?: boolean } = {}) {
        const headers: Record<string, string> = { accept: 'text/html', cookie };
        if (opts.htmx) headers['hx-request'] = 'true';
        return t.request(path, { headers });
      },
      post(path: string, fields: Record<string, string> | FormData = {}) {
        const headers: Record<string, string> = { accept: 'text/html', cookie, 'hx-request': 'true', origin: ORIGIN };
        if (fields instanceof FormData) return t.app.request(path, { method: 'POST', body: fields, headers });
        headers['content-type'] = 'application/x-www-form-urlencoded';
        return t.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers });
      },
    };
  }
  return {
    async signIn(m: Member, slug: string) {
      const res = await t.request('/login', {
        method: 'POST',
        body: new URLSearchParams({ org: slug, email: m.email, password: TEST_PASSWORD }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      });
      expect(res.status).toBe(303);
      const jar: Record<string, string> = {};
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        jar[pair!.slice(0, eq)] = pair!.slice(eq + 1);
      }
      return session(jar);
    },
  };
}
export type PageSession = Awaited<ReturnType<ReturnType<typeof pageClient>['signIn']>>;
