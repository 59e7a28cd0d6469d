import { beforeAll, describe, expect, it } from 'vitest';
import { ruleMessage } from '#lib/db/rule-message.ts';
import { forReader } from '#lib/i18n/reader.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient, type PageSession } from './helpers/page-client.ts';

/**
 * Issue 16, error answers: the `code` stays the stable English identifier a client switches on,
 * the human `message` is in the caller's language (an API key's by Accept-Language, a member's
 * own), and so is the error page a browser is shown.
 */
const t = useTestApp();
const browser = pageClient(t);
let owner: Member;
let germanAgent: Member;
let germanAdmin: Member;
let germanPages: PageSession;
let apiKey: string;

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

async function failure(res: Response, status: number): Promise<ErrorBody['error']> {
  expect(res.status).toBe(status);
  return ((await res.json()) as ErrorBody).error;
}

const german = { 'accept-language': 'de-DE,de;q=0.9' };

beforeAll(async () => {
  owner = await t.org('i18n-errors');
  germanAgent = await t.member(owner, 'agent', 'agent@i18n-errors.test');
  germanAdmin = await t.member(owner, 'admin', 'admin@i18n-errors.test');
  await t.speaks(germanAgent, 'de');
  await t.speaks(germanAdmin, 'de');
  const res = await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'integration', permissions: ['tickets.read_all', 'tickets.read_own'] } });
  expect(res.status).toBe(201);
  apiKey = ((await res.json()) as { key: string }).key;
  germanPages = await browser.signIn(germanAgent, 'i18n-errors');
});

describe('an API key that asks for German', () => {
  it('gets 404 not_found with a German message', async () => {
    const error = await failure(await t.request('/api/v1/tickets/999999', { headers: { authorization: `Bearer ${apiKey}`, ...german } }), 404);
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Kein Ticket 999999 in dieser Organisation');
  });

  it('gets 403 forbidden in German for a permission the key lacks', async () => {
    const error = await failure(await t.request('/api/v1/audit', { headers: { authorization: `Bearer ${apiKey}`, ...german } }), 403);
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('Dieser API-Schlüssel hat die Berechtigung audit.read nicht');
  });

  it('without Accept-Language still gets the English message', async () => {
    const error = await failure(await t.request('/api/v1/tickets/999999', { headers: { authorization: `Bearer ${apiKey}` } }), 404);
    expect(error).toEqual({ code: 'not_found', message: 'No ticket 999999 in this organization' });
  });
});

describe('a bad credential', () => {
  it('is 401 unauthenticated with the reason inside one German sentence', async () => {
    const error = await failure(await t.request('/api/v1/tickets', { headers: { authorization: 'Bearer not.a.token', ...german } }), 401);
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toBe('Bitte melden Sie sich erneut an: das Zugriffstoken ist ungültig');
  });

  it('is the same English sentence as before for an English caller', async () => {
    const error = await failure(await t.request('/api/v1/tickets', { headers: { authorization: 'Bearer not.a.token' } }), 401);
    expect(error).toEqual({ code: 'unauthenticated', message: 'Sign in again: the access token is not valid' });
    const none = await failure(await t.request('/api/v1/tickets'), 401);
    expect(none.message).toBe('Sign in first: this endpoint needs a Bearer token or a session');
  });

  it('a spent refresh token says why in German', async () => {
    const error = await failure(await t.request('/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: 'nonsense' }, headers: german }), 401);
    expect(error.code).toBe('invalid_refresh_token');
    expect(error.message).toBe('Bitte melden Sie sich erneut an: das Refresh-Token ist ungültig');
  });
});

describe('a member who speaks German', () => {
  it('is refused a permission their role lacks in German, though the check runs before their transaction', async () => {
    const error = await failure(await t.request('/api/v1/audit', { as: germanAgent }), 403);
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('Ihre Rolle (agent) hat die Berechtigung audit.read nicht');
  });

  it('gets 409 conflicts in German with the English code', async () => {
    expect((await t.request('/api/v1/teams', { method: 'POST', as: germanAdmin, body: { name: 'Billing' } })).status).toBe(201);
    const error = await failure(await t.request('/api/v1/teams', { method: 'POST', as: germanAdmin, body: { name: 'Billing' } }), 409);
    expect(error).toEqual({ code: 'team_exists', message: 'Ein Team namens „Billing“ gibt es bereits' });
  });

  it('gets a handler’s refusal in German (a 422 of the desk’s rules)', async () => {
    const created = await t.request('/api/v1/tickets', { method: 'POST', as: germanAgent, body: { subject: 'Printer', body: 'It jams' } });
    expect(created.status).toBe(201);
    const { number } = (await created.json()) as { number: number };
    const error = await failure(await t.request(`/api/v1/tickets/${number}/links`, { method: 'POST', as: germanAgent, body: { number } }), 422);
    expect(error).toEqual({ code: 'self_link', message: 'Ein Ticket kann nicht mit sich selbst verknüpft werden' });
  });

  it('while an English member keeps today’s English', async () => {
    const error = await failure(await t.request('/api/v1/teams', { method: 'POST', as: owner, body: { name: 'Billing' } }), 409);
    expect(error).toEqual({ code: 'team_exists', message: 'A team named "Billing" already exists' });
    const missing = await failure(await t.request('/api/v1/tickets/999999', { as: owner }), 404);
    expect(missing.message).toBe('No ticket 999999 in this organization');
  });
});

describe('the error page', () => {
  it('is German for a German reader, message and all', async () => {
    const res = await germanPages.get('/app/tickets/999999');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Nicht gefunden');
    expect(html).toContain('Kein Ticket 999999 in dieser Organisation');
    expect(html).not.toContain('No ticket 999999');
  });

  it('says a refused page in German', async () => {
    const res = await germanPages.get('/app/admin/audit');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Ihre Rolle (agent) hat die Berechtigung');
    expect(html).not.toContain('does not have the');
  });

  it('and an htmx fragment is German too', async () => {
    const res = await germanPages.get('/app/tickets/999999', { htmx: true });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Kein Ticket 999999 in dieser Organisation');
  });
});

describe('rules the database enforces', () => {
  it('are put back into one catalogue sentence, English as the trigger wrote it', () => {
    const transition = { constraint: 'ticket_status_transition', message: 'a closed ticket cannot become open' };
    expect(ruleMessage(transition)).toBe('A closed ticket cannot become open');
    expect(forReader({ locale: 'de', timeZone: 'UTC' }, () => ruleMessage(transition))).toBe('Ein Ticket im Status „Geschlossen“ kann nicht in den Status „Offen“ wechseln');
    const required = { constraint: 'ticket_required_custom_fields', message: 'custom fields plan, region are required once a ticket is solved' };
    expect(ruleMessage(required)).toBe('Custom fields plan, region are required once a ticket is solved');
    expect(forReader({ locale: 'de', timeZone: 'UTC' }, () => ruleMessage(required))).toBe(
      'Die benutzerdefinierten Felder plan, region müssen ausgefüllt sein, sobald ein Ticket den Status „Gelöst“ hat',
    );
  });
});
