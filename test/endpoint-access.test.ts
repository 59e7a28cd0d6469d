import { Hono } from 'hono';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '#lib/app-env.ts';
import { resolveCaller } from '#lib/auth/resolve-caller.ts';
import { HttpError, sendError } from '#lib/http/errors.ts';
import { endpoint, type Endpoint } from '#lib/router/endpoint.ts';
import { useTestApp, type Member } from './helpers/app.ts';

/**
 * What endpoint() decides for every handler: who a page's caller may be, and that a handler
 * without a transaction has no database handle at all.
 */
const t = useTestApp();
let owner: Member;
let agent: Member;
let customer: Member;
let apiKey: string;

const staffPage = endpoint({ auth: 'signed-in', page: 'staff', handler: async ({ caller }) => ({ role: caller.role }) });
const personPage = endpoint({ auth: { permission: 'tickets.read_all' }, page: 'person', handler: async ({ caller }) => ({ user: caller.userId }) });
const apiEndpoint = endpoint({ auth: { permission: 'tickets.read_all' }, handler: async ({ caller }) => ({ kind: caller.kind }) });
const noTransaction = endpoint({
  auth: 'public',
  transaction: false,
  query: v.object({ q: v.optional(v.string()) }),
  // A handler of `transaction: false` that asks for `db` does not compile.
  // @ts-expect-error there is no db without a transaction
  handler: async ({ db }) => ({ db: typeof db }),
});

/** The endpoints behind the real caller resolution, with the app's JSON error answers. */
function appWith(routes: Record<string, Endpoint>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', t.deps);
    await next();
  });
  app.use('*', resolveCaller());
  for (const [path, ep] of Object.entries(routes)) app.get(path, (c) => ep.handle(c));
  app.onError((err, c) => {
    if (err instanceof HttpError) return sendError(c, err);
    throw err;
  });
  return app;
}

beforeAll(async () => {
  owner = await t.org('access-co');
  agent = await t.member(owner, 'agent');
  customer = await t.member(owner, 'customer');
  const res = await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'reader', permissions: ['tickets.read_all'] } });
  apiKey = ((await res.json()) as { key: string }).key;
});

describe('endpoint() page access', () => {
  const app = () => appWith({ '/staff': staffPage, '/person': personPage, '/api': apiEndpoint, '/bare': noTransaction });

  it('gives a staff page to staff and refuses a customer with 403', async () => {
    const ok = await app().request('/staff', { headers: { authorization: agent.auth } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ role: 'agent' });
    const refused = await app().request('/staff', { headers: { authorization: customer.auth } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden', message: 'The agent pages are for staff' } });
  });

  it('refuses an API key on a page its permission would admit, and admits it on the API', async () => {
    const headers = { authorization: `Bearer ${apiKey}` };
    const page = await app().request('/person', { headers });
    expect(page.status).toBe(403);
    expect(await page.json()).toMatchObject({ error: { code: 'forbidden', message: 'Pages are for signed-in people, not API keys' } });
    const api = await app().request('/api', { headers });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ kind: 'api_key' });
    expect((await app().request('/person', { headers: { authorization: agent.auth } })).status).toBe(200);
  });

  it('runs a handler without a transaction with no db in its context', async () => {
    const res = await app().request('/bare');
    expect(await res.json()).toEqual({ db: 'undefined' });
  });
});
