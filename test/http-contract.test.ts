import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/app.ts';

const t = useTestApp();

async function errorOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}

describe('the HTTP contract every endpoint inherits', () => {
  it('answers an unknown /api path with a JSON 404', async () => {
    const res = await t.request('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: 'not_found', message: 'Nothing at /api/v1/no-such-thing' });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await t.request('/api/v1/health', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect((await errorOf(res)).code).toBe('method_not_allowed');
  });

  it('lists every method of a path in Allow, for a dynamic path too', async () => {
    const org = await t.request('/api/v1/org', { method: 'POST' });
    expect(org.status).toBe(405);
    expect(org.headers.get('allow')).toBe('GET, HEAD, PATCH');
    const user = await t.request('/api/v1/users/00000000-0000-4000-8000-000000000000', { method: 'PUT' });
    expect(user.status).toBe(405);
    expect(user.headers.get('allow')).toBe('GET, HEAD, PATCH');
  });

  it('answers HEAD on a GET route', async () => {
    const res = await t.request('/api/v1/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('refuses malformed JSON with 400 and writes nothing', async () => {
    const owner = await t.org('malformed');
    const res = await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: '{"name": "half' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_json');
    const [org] = await t.owner`select name from organizations where id = ${owner.orgId}`;
    expect(org!.name).toBe('Org malformed');
  });

  it('refuses a body that fails validation with 400 and the failing paths', async () => {
    const owner = await t.org('invalid');
    const res = await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { name: '', colour: 'red' } });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'colour' })]));
  });

  it('refuses a body that is not JSON with 415', async () => {
    const owner = await t.org('formbody');
    const res = await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
  });

  it('refuses an invalid path parameter with 400, not a database error', async () => {
    const owner = await t.org('badparam');
    const res = await t.request('/api/v1/users/not-a-uuid', { as: owner });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'validation_failed', details: [{ path: 'id', message: 'must be a UUID' }] });
  });

  it('asks for a token with 401 and WWW-Authenticate', async () => {
    const res = await t.request('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect((await errorOf(res)).code).toBe('unauthenticated');
    const forged = await t.request('/api/v1/me', { headers: { authorization: 'Bearer not.a.token' } });
    expect(forged.status).toBe(401);
  });

  it('answers 403 when the role lacks the declared permission', async () => {
    const owner = await t.org('rbac');
    const agent = await t.member(owner, 'agent');
    const res = await t.request('/api/v1/org', { method: 'PATCH', as: agent, body: { name: 'Mine now' } });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'forbidden', message: 'Your role (agent) does not have the settings.manage permission' });
    expect((await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { name: 'Renamed' } })).status).toBe(200);
  });

  it('redirects GET / to the login page, or to the app when signed in, and never answers 405', async () => {
    const anon = await t.request('/');
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe('/login');
    const owner = await t.org('root');
    const signedIn = await t.request('/', { as: owner });
    expect(signedIn.headers.get('location')).toBe('/app');
    expect((await t.request('/login')).status).toBe(200);
  });

  it('sends a signed-out visitor of the agent app to sign in, and back', async () => {
    const res = await t.request('/app');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fapp');
  });

  it('renders an HTML 404 for a browser outside /api', async () => {
    const res = await t.request('/nowhere', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('Not found');
  });

  it('never caches API answers and sends a strict CSP', async () => {
    const res = await t.request('/api/v1/health');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('input the database refuses after validation', () => {
  it('is a 400, not a 500, and writes nothing', async () => {
    const owner = await t.org('nul-byte');
    const res = await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { settings: { note: 'a\u0000b' } } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    const [org] = await t.owner`select settings from organizations where id = ${owner.orgId}`;
    expect(org!.settings).toEqual({});
  });
});
