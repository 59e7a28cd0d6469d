import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let english: Member;
let german: Member;
let key: string;

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const refused = async (res: Response) => {
  expect(res.status).toBe(400);
  return (await json<ErrorBody>(res)).error;
};

const page = (path: string, as: Member, fields: Record<string, string>) =>
  t.request(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { authorization: as.auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'hx-request': 'true' },
  });

/** The new-ticket form, as a browser posts it: multipart, with an empty file input. */
const newTicket = (as: Member, fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, value] of Object.entries(fields)) form.append(k, value);
  form.append('file', new Blob([]), '');
  return t.app.request('/app/tickets', { method: 'POST', body: form, headers: { authorization: as.auth, accept: 'text/html', 'hx-request': 'true' } });
};

beforeAll(async () => {
  owner = await t.org('i18n-valid-co');
  english = await t.member(owner, 'admin', 'ed@i18n-valid-co.test');
  german = await t.member(owner, 'admin', 'gerda@i18n-valid-co.test');
  await t.speaks(german, 'de');
  const issued = await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'Sync', permissions: ['tickets.read_all', 'tickets.create'] } });
  expect(issued.status).toBe(201);
  key = (await json<{ key: string }>(issued)).key;
});

describe('refused API input for a German caller', () => {
  it("a member's own language words the body's refusal, though it is checked before their transaction", async () => {
    const error = await refused(await t.request('/api/v1/tickets', { method: 'POST', as: german, body: { subject: ' ', body: 'Hallo' } }));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('Ungültiger Anfrageinhalt: subject: darf nicht leer sein');
    expect(error.details).toEqual([{ path: 'subject', message: 'darf nicht leer sein' }]);
  });

  it("valibot's own words, for a check the schema does not word, are German too", async () => {
    const error = await refused(await t.request('/api/v1/tickets', { method: 'POST', as: german, body: { subject: 5, body: 'Hallo' } }));
    expect(error.message).toBe('Ungültiger Anfrageinhalt: subject: Ungültiger Typ: string erwartet, aber 5 erhalten');
    const missing = await refused(await t.request('/api/v1/tickets', { method: 'POST', as: german, body: { subject: 'Drucker' } }));
    expect(missing.message).toBe('Ungültiger Anfrageinhalt: senden Sie body oder body_html');
  });

  it('words path and query parameters, and a check made inside the transaction', async () => {
    const params = await refused(await t.request('/api/v1/users/not-a-uuid', { as: german }));
    expect(params.message).toBe('Ungültige Pfadparameter: id: muss eine UUID sein');
    const query = await refused(await t.request('/api/v1/tickets?limit=0&sort=oldest', { as: german }));
    expect(query.code).toBe('validation_failed');
    expect(query.message).toBe('Ungültige Abfrageparameter: sort: muss einer dieser Werte sein: updated_desc, updated_asc, created_desc, created_asc');
    expect(query.details).toContainEqual({ path: 'limit', message: 'muss zwischen 1 und 100 liegen' });
    const view = await refused(await t.request('/api/v1/views', { method: 'POST', as: german, body: { name: 'Meine', filters: { status: 'kaputt' } } }));
    expect(view.message).toBe("Ungültiger Anfrageinhalt: filters.status: muss 'unsolved' oder eine Liste von Status sein");
  });

  it('an API key reads the language it asks for, and English without one', async () => {
    const de = await refused(await t.request('/api/v1/tickets?limit=500', { headers: { authorization: `Bearer ${key}`, 'accept-language': 'de' } }));
    expect(de.message).toBe('Ungültige Abfrageparameter: limit: muss zwischen 1 und 100 liegen');
    const en = await refused(await t.request('/api/v1/tickets?limit=500', { headers: { authorization: `Bearer ${key}` } }));
    expect(en.message).toBe('Invalid query parameters: limit: must be 1 to 100');
  });

  it('is unchanged in English: the same code, path and words', async () => {
    const error = await refused(await t.request('/api/v1/tickets', { method: 'POST', as: english, body: { subject: ' ', body: 'Hello' } }));
    expect(error).toEqual({ code: 'validation_failed', message: 'Invalid request body: subject: must not be empty', details: [{ path: 'subject', message: 'must not be empty' }] });
    const typed = await refused(await t.request('/api/v1/tickets', { method: 'POST', as: english, body: { subject: 5, body: 'Hello' } }));
    expect(typed.message).toBe('Invalid request body: subject: Invalid type: Expected string but received 5');
    const params = await refused(await t.request('/api/v1/users/not-a-uuid', { as: english }));
    expect(params.message).toBe('Invalid path parameters: id: must be a UUID');
  });
});

describe('refused page forms for a German reader', () => {
  it('the new-ticket form says beside each field what is missing, in German', async () => {
    const res = await newTicket(german, { requester_email: '', subject: ' ', body: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Für wen ist das Ticket? Geben Sie die E-Mail-Adresse an');
    expect(html).toContain('Sagen Sie in wenigen Worten, worum es geht');
    expect(html).toContain('Beschreiben Sie die Anfrage');
    for (const word of ['Who is the ticket for?', 'Say in a few words', 'Describe the request']) expect(html).not.toContain(word);
    const wrong = await (await newTicket(german, { requester_email: 'keine-adresse', subject: 'Drucker', body: 'Hilfe', tags: 'gut, nicht gut!' })).text();
    expect(wrong).toContain('muss eine E-Mail-Adresse sein');
    expect(wrong).toContain('muss aus 1 bis 50 Buchstaben, Ziffern oder _-.:/ bestehen');
  });

  it('an admin form refuses an empty team name in German, and in English for an English admin', async () => {
    const de = await page('/app/admin/teams', german, { name: '  ' });
    expect(de.status).toBe(400);
    expect(await de.text()).toMatch(/id="team-name-error"[^>]*>darf nicht leer sein/);
    const en = await page('/app/admin/teams', english, { name: '  ' });
    expect(await en.text()).toMatch(/id="team-name-error"[^>]*>must not be empty/);
  });

  it("a visitor's form names the field and what is wrong with it as one German sentence", async () => {
    const res = await t.request('/forgot', {
      method: 'POST',
      body: new URLSearchParams({ org: 'i18n-valid-co', email: 'keine-adresse' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'accept-language': 'de' },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('E-Mail muss eine E-Mail-Adresse sein');
    const missing = await t.request('/forgot', {
      method: 'POST',
      body: new URLSearchParams({ org: 'i18n-valid-co' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'accept-language': 'de' },
    });
    expect(await missing.text()).toContain('E-Mail ist erforderlich');
  });
});
