import type { Context } from 'hono';

/** True for a request htmx made (it always sends `HX-Request: true`). */
export function isHtmx(c: Context): boolean {
  return c.req.header('hx-request') === 'true';
}

/**
 * `value` when it is a path on this site, else undefined: it must start with one `/` (not `//`
 * or `/\`, which browsers read as another host) and hold no whitespace or control characters,
 * which browsers strip from URLs (`/\t/evil.example` would become `//evil.example`).
 *
 * @example
 * localPath('/app/tickets?page=2'); // '/app/tickets?page=2'
 * localPath('//evil.example');       // undefined
 */
export function localPath(value: string | undefined | null): string | undefined {
  if (!value || value.length > 2000) return undefined;
  return /^\/(?![/\\])[^\s\x00-\x1f\x7f]*$/.test(value) ? value : undefined;
}

/**
 * Sends the browser to `location`: for htmx with `HX-Redirect` on a 204 (a fetch would follow a
 * 3xx by itself and swap the next page in), otherwise with a plain redirect, 303 after a form
 * post so the browser follows with a GET.
 *
 * @example
 * return pageRedirect(c, '/app');
 */
export function pageRedirect(c: Context, location: string, status: 302 | 303 = 303): Response {
  if (isHtmx(c)) return c.body(null, 204, { 'HX-Redirect': location });
  return c.redirect(location, status);
}

/**
 * `/login?next=...` that brings the visitor back afterwards: to the page htmx was on for an
 * htmx request (its URL, not the fragment's), to the request itself for a GET, and nowhere in
 * particular after another method, whose URL cannot be revisited.
 */
export function loginPath(c: Context): string {
  let back: string | undefined;
  if (isHtmx(c)) {
    const current = c.req.header('hx-current-url');
    try {
      if (current) {
        const url = new URL(current);
        back = url.pathname + url.search;
      }
    } catch {
      back = undefined;
    }
  } else if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    const url = new URL(c.req.url);
    back = url.pathname + url.search;
  }
  const next = localPath(back);
  return next && next !== '/login' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
