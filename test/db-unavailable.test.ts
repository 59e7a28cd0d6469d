import { entryProof } from '#lib/db/entry-proof.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '#lib/app.ts';
import { isConnectionError } from '#lib/db/errors.ts';
import { createPool } from '#lib/db/pool.ts';
import { loadRouteTable } from '#lib/router/mount.ts';
import { TEST_SECRET, useTestApp } from './helpers/app.ts';
import { freePort } from './helpers/free-port.ts';

const t = useTestApp();
const pools: { end(o?: { timeout?: number }): Promise<void> }[] = [];
afterAll(() => Promise.all(pools.map((p) => p.end({ timeout: 1 }))));

/** The app as it is while its database is away: a pool pointed at a port nothing listens on. */
async function appWithoutDatabase() {
  const dead = createPool(`postgres://atum_app:x@127.0.0.1:${await freePort()}/atum`, { max: 2, applicationName: 'dead', entryProof: entryProof(TEST_SECRET) });
  pools.push(dead);
  return createApp({ ...t.deps, unscoped: dead }, await loadRouteTable());
}

describe('a lost database answers 503 with Retry-After, never 500', () => {
  it('health says the database is down, with Retry-After', async () => {
    const app = await appWithoutDatabase();
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ status: 'down', database: { status: 'down' } });
  });

  it('a page shows a friendly 503 page, and an htmx request a fragment, both with Retry-After', async () => {
    const owner = await t.org('pages-down');
    const app = await appWithoutDatabase();
    const cookie = `atum_at=${owner.auth.replace(/^Bearer /, '')}`;
    const page = await app.request('/app', { headers: { cookie, accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<title>Temporarily unavailable');
    expect(html).toContain('cannot be reached right now');
    expect(html).not.toMatch(/Error 500|Something went wrong/);

    const fragment = await app.request('/app', { headers: { cookie, accept: 'text/html', 'hx-request': 'true' } });
    expect(fragment.status).toBe(503);
    expect(fragment.headers.get('retry-after')).toBe('5');
    expect(await fragment.text()).toMatch(/^<p class="error" role="alert">The database cannot be reached/);
  });

  it('the sign-in form, which runs its own transactions, answers 503 too', async () => {
    const app = await appWithoutDatabase();
    const res = await app.request('/login', {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: 'http://atum.test' },
      body: 'org=pages-down&email=someone%40x.test&password=a+long+password',
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('knows a connection error also when it comes wrapped (cause, AggregateError) or as a server shutdown', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(isConnectionError(new Error('query failed', { cause: reset }))).toBe(true);
    expect(isConnectionError(new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isConnectionError({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(isConnectionError({ code: '08006' })).toBe(true);
    expect(isConnectionError({ code: '42P01', message: 'relation does not exist' })).toBe(false);
    expect(isConnectionError(new Error('plain'))).toBe(false);
  });
});
