import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

/** The agent's queues, dashboard, search and macros pages in the reader's language and time zone. */
const t = useTestApp();
const FORM = 'application/x-www-form-urlencoded';

let owner: Member;
let english: Member;
let german: Member;
let a: number;
let b: number;

const page = (path: string, as: Member, htmx = false) => t.request(path, { as, headers: { accept: 'text/html', ...(htmx ? { 'hx-request': 'true' } : {}) } });

async function html(path: string, as: Member, htmx = false): Promise<string> {
  const res = await page(path, as, htmx);
  expect(res.status, path).toBe(200);
  return res.text();
}

const post = (path: string, as: Member, fields: Record<string, string>) =>
  t.request(path, { method: 'POST', as, body: new URLSearchParams(fields).toString(), headers: { 'content-type': FORM, accept: 'text/html', 'hx-request': 'true' } });

async function ticket(body: Record<string, unknown>): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { body: 'Details follow.', requester: { email: 'ada@example.test', name: 'Ada Lovelace' }, ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ number: number }>(res)).number;
}

beforeAll(async () => {
  owner = await t.org('i18n-queue-co');
  english = await t.member(owner, 'agent', 'grace@i18n-queue-co.test');
  german = await t.member(owner, 'agent', 'greta@i18n-queue-co.test');
  await t.owner`update users set name = 'Greta Garbo', time_zone = 'Europe/Berlin' where id = ${german.userId}`;
  await t.speaks(german, 'de');
  const cal = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name: 'Always', time_zone: 'UTC', always_open: true } });
  expect(cal.status).toBe(201);
  const policy = await t.request('/api/v1/sla/policies', {
    method: 'POST',
    as: owner,
    body: { name: 'Standard', calendar_id: (await json<{ id: string }>(cal)).id, targets: { urgent: { first_response: { minutes: 30, business_hours: false } } } },
  });
  expect(policy.status).toBe(201);
  a = await ticket({ subject: 'Drucker brennt', status: 'open', assignee_id: german.userId, tags: ['i18nq'] });
  b = await ticket({ subject: 'Kaffee alle', priority: 'urgent', tags: ['i18nq'] });
  // A known moment: 09:05 UTC is 10:05 in Berlin, the German reader's own zone.
  await t.owner`update tickets set updated_at = '2026-03-04T09:05:00Z' where org_id = ${owner.orgId} and number in (${a}, ${b})`;
  for (const [name, shared] of [
    ['Danke, gelöst', true],
    ['Eigenes', false],
  ] as const) {
    const res = await t.request('/api/v1/macros', { method: 'POST', as: shared ? owner : german, body: { name, body: 'Hallo {{requester.first_name}}', shared, set_status: 'solved' } });
    expect(res.status, await res.clone().text()).toBe(201);
  }
});

describe('the queue for a German reader', () => {
  it('is German: side list, filters, bulk form, table and rows, with dates in their own zone', async () => {
    const body = await html('/app/queues?tag=i18nq', german);
    expect(body).toMatch(/<span>Meine ungelösten<\/span><span class="count">1<\/span>/);
    expect(body).toContain('aria-label="Warteschlangen"');
    expect(body).toContain('Meine Ansichten');
    expect(body).toContain('<span>Bearbeiter</span>');
    expect(body).toContain('<option value="urgent">Dringend</option>');
    expect(body).toContain('<option value="updated_desc">Zuletzt aktualisiert</option>');
    expect(body).toContain('<button type="submit">Filter anwenden</button>');
    expect(body).toContain('<legend>Ausgewählte Tickets</legend>');
    expect(body).toContain('<summary>Diese Filter als Ansicht speichern</summary>');
    expect(body).toContain(`aria-label="Ticket #${a} auswählen"`);
    expect(body).toContain('<span class="badge status-open">Offen</span>');
    expect(body).toContain('<span class="prio prio-urgent">Dringend</span>');
    expect(body).toContain('>Nicht zugewiesen</td>');
    expect(body).toContain('<time datetime="2026-03-04T09:05:00.000Z">4. März, 10:05</time>');
    for (const english of ['Apply filters', 'My views', 'Selected tickets', 'Recently updated', '>Assignee<', '>Unassigned<', '4 Mar', 'Select ticket']) expect(body).not.toContain(english);
  });

  it('counts what came in with a German plural, and answers a bulk action in German', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    await t.owner`update tickets set updated_at = now() where org_id = ${owner.orgId} and number = ${a}`;
    expect(await html(`/app/queues/fresh?tag=i18nq&since=${since}&shown=`, german, true)).toContain(
      '1 Ticket ist in diese Warteschlange gekommen oder hat sich geändert, seit Sie sie geöffnet haben.',
    );
    await t.owner`update tickets set updated_at = now() where org_id = ${owner.orgId} and number = ${b}`;
    const two = await html(`/app/queues/fresh?tag=i18nq&since=${since}&shown=&resync=1`, german, true);
    expect(two).toContain('Die Live-Verbindung war unterbrochen: 2 Tickets in dieser Warteschlange haben sich inzwischen geändert.');
    expect(two).toContain('Aktuelle Liste anzeigen');

    const res = await post('/app/queues/bulk', german, { [`pick-${a}`]: String(a), [`pick-${b}`]: String(b), action: 'status', status: 'pending' });
    expect(res.status).toBe(200);
    const done = await res.text();
    expect(done).toContain('2 von 2 Tickets geändert.');
    expect(done).toContain('Status auf „Wartend“ gesetzt');
    expect(done).toContain('<span class="badge status-pending">Wartend</span>');
    expect(done).not.toContain('tickets changed');
  });

  it('searches in German', async () => {
    expect(await html('/app/search', german)).toContain('<h1 id="search-title">Tickets durchsuchen</h1>');
    const found = await html('/app/search?q=Drucker', german);
    expect(found).toContain('Tickets zu „Drucker“');
    expect(found).toContain('<code>-Wort</code>');
    expect(found).not.toContain('Tickets matching');
  });
});

describe('the dashboard for a German reader', () => {
  it('is German, with the day in German and the SLA time left as a German duration', async () => {
    const body = await html('/app', german);
    expect(body).toContain('<h1>Dashboard</h1>');
    expect(body).toContain('Meine ungelösten Tickets');
    expect(body).toContain('Heute erstellt');
    expect(body).toMatch(/Heute ist der \d{2}\.\d{2}\.\d{4} in UTC \(Zeitzone der Organisation\)\./);
    expect(body).toContain('SLA gefährdet');
    expect(body).toMatch(/<span class="badge sla-soon">noch (29|30) Min\.<\/span>/);
    expect(body).toContain('<td>Erste Antwort</td>');
    for (const english of ['My unsolved tickets', 'Created today', 'Today is', 'SLA at risk', ' left<', 'First response']) expect(body).not.toContain(english);
  });
});

describe('the macros pages for a German reader', () => {
  it('are German: the list, what a macro does, the form and its notices', async () => {
    const list = await html('/app/macros', german);
    expect(list).toContain('<h1>Makros</h1>');
    expect(list).toContain('Mit allen geteilt');
    expect(list).toContain('öffentliche Antwort · Status → Gelöst');
    expect(list).toContain('nur Teamleitungen und Administratoren ändern es');
    expect(list).toContain('hx-confirm="Das Makro Eigenes löschen?"');
    const form = await html('/app/macros/new', german);
    expect(form).toContain('Platzhalter werden beim Anwenden des Makros aus dem Ticket ausgefüllt: <code>{{ticket.number}}</code>');
    expect(form).toContain('<option value="">Unverändert lassen</option>');
    expect(form).toContain('<option value="on_hold">Zurückgestellt</option>');
    const created = await post('/app/macros', german, { name: 'Neu', body: 'Hallo' });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain('Makro „Neu“ angelegt; Sie finden es im Antwortbereich jedes Tickets.');
    for (const english of ['Shared with everyone', 'public reply', 'Leave it', 'Placeholders are']) expect(list + form).not.toContain(english);
  });
});

describe('an English reader', () => {
  it('reads the same pages in English as before, dates day-first in the org zone', async () => {
    const queue = await html('/app/queues?tag=i18nq&status=', english);
    expect(queue).toContain('<span>My unsolved</span>');
    expect(queue).toContain('<button type="submit">Apply filters</button>');
    expect(queue).toContain('<summary>Save these filters as a view</summary>');
    expect(queue).toMatch(/<time datetime="[^"]+">\d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2}<\/time>/);
    const dash = await html('/app', english);
    expect(dash).toContain('My unsolved tickets');
    expect(dash).toMatch(/Today is \d{1,2} [A-Z][a-z]{2} \d{4} in UTC \(the organization&#39;s time zone\)\./);
    const macros = await html('/app/macros', english);
    expect(macros).toContain('Shared with everyone');
    expect(macros).toContain('public reply · status → Solved');
    for (const german of ['Meine', 'Filter anwenden', 'Makros', 'Heute']) expect(queue + dash + macros).not.toContain(german);
  });
});
