import { beforeAll, describe, expect, it } from 'vitest';
import { forReader } from '#lib/i18n/reader.ts';
import type { SlaTargetJson } from '#lib/sla/ticket-state.ts';
import { SlaBadge } from '#views/ticket/sla-badge.tsx';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let english: Member;
let german: Member;
let n: number;

const page = (path: string, as: Member, init: { method?: string; body?: string | FormData; headers?: Record<string, string> } = {}) =>
  t.app.request(path, { method: init.method ?? 'GET', headers: { authorization: as.auth, 'hx-request': 'true', accept: 'text/html', ...init.headers }, ...(init.body ? { body: init.body } : {}) });

const text = async (path: string, as: Member) => {
  const res = await page(path, as, { headers: { 'hx-request': 'false' } });
  expect(res.status, path).toBe(200);
  return res.text();
};

beforeAll(async () => {
  owner = await t.org('i18n-ticket-co');
  english = await t.member(owner, 'agent', 'grace@i18n-ticket-co.test');
  german = await t.member(owner, 'agent', 'greta@i18n-ticket-co.test');
  await t.owner`update users set name = 'Grace Hopper' where id = ${english.userId}`;
  await t.owner`update users set name = 'Greta Garbo', time_zone = 'Europe/Berlin' where id = ${german.userId}`;
  await t.speaks(german, 'de');
  const cal = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name: 'Always', time_zone: 'UTC', always_open: true } });
  expect(cal.status).toBe(201);
  const policy = await t.request('/api/v1/sla/policies', {
    method: 'POST',
    as: owner,
    body: { name: 'Standard', calendar_id: (await json<{ id: string }>(cal)).id, targets: { normal: { first_response: { minutes: 120 } } } },
  });
  expect(policy.status).toBe(201);
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'Drucker brennt', body: 'Hilfe', requester: { email: 'ada@example.test', name: 'Ada Lovelace' } } });
  expect(res.status).toBe(201);
  n = (await json<{ number: number }>(res)).number;
  expect((await t.request(`/api/v1/tickets/${n}`, { method: 'PATCH', as: english, body: { status: 'open' } })).status).toBe(200);
});

describe('the ticket page for a German reader', () => {
  it('is German: properties, composer, SLA badge and tabs', async () => {
    const html = await text(`/app/tickets/${n}`, german);
    expect(html).toContain('<option value="open" selected="">Offen</option>');
    expect(html).toContain('<option value="normal" selected="">Normal</option>');
    expect(html).toContain('<option value="on_hold">Zurückgestellt</option>');
    expect(html).toContain('<option value="urgent">Dringend</option>');
    expect(html).toContain('<span>Bearbeiter</span>');
    expect(html).toContain('Öffentliche Antwort');
    expect(html).toContain('Interne Notiz');
    expect(html).toContain('<button type="submit">Senden</button>');
    expect(html).toContain('Von Ada Lovelace &lt;ada@example.test&gt; · API');
    expect(html).toMatch(/data-testid="sla-badge" title="Fällig am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}">SLA Erste Antwort: noch (1 Std\., 59 Min\.|2 Std\.)( Geschäftszeit)?<\/span>/);
    expect(html).toContain('>Verlauf</a>');
    for (const english of ['Public reply', 'Internal note', '>Send<', 'Canned response', 'SLA first reply', ' left<', '>Solve<', 'Properties']) expect(html).not.toContain(english);
  });

  it('writes the history as German sentences with a German date in their time zone', async () => {
    const html = await text(`/app/tickets/${n}?tab=history`, german);
    expect(html).toContain('Grace Hopper</strong> hat Status von Neu auf Offen geändert');
    expect(html).toMatch(/<strong>[^<]+<\/strong> hat das Ticket erstellt/);
    const [at] = await t.owner<{ at: Date }[]>`select at from audit_log where org_id = ${owner.orgId} and action = 'ticket.create' and target_id = ${String(n)}`;
    const berlin = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }).format(at!.at);
    expect(html).toContain(`class="muted small">${berlin}</time>`);
    expect(html).not.toContain('changed Status');
    expect(html).not.toContain('UTC</time>');
  });

  it('says what the composer did in German', async () => {
    const form = new FormData();
    form.append('body', 'Nur intern');
    form.append('mode', 'note');
    const res = await page(`/app/tickets/${n}/messages`, german, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Interne Notiz hinzugefügt.');
    expect(html).toContain('aria-label="Interne Notiz von Greta Garbo"');
    const empty = new FormData();
    empty.append('body', ' ');
    const refused = await page(`/app/tickets/${n}/messages`, german, { method: 'POST', body: empty });
    expect(await refused.text()).toContain('Schreiben Sie zuerst eine Nachricht oder hängen Sie eine Datei an.');
  });

  it('shows the new-ticket page in German', async () => {
    const html = await text('/app/tickets/new', german);
    expect(html).toContain('<h1>Neues Ticket</h1>');
    expect(html).toContain('E-Mail-Adresse des Anfragenden');
    expect(html).toContain('<option value="urgent">Dringend</option>');
    expect(html).toContain('Ticket anlegen');
    expect(html).toContain('Trennen Sie Tags durch Kommas.');
    for (const english of ['Create ticket', 'Requester email', 'Separate tags with commas.', 'No team']) expect(html).not.toContain(english);
  });
});

describe('the SLA badge', () => {
  const target = (status: SlaTargetJson['status'], remaining: number): SlaTargetJson => ({
    metric: 'resolution',
    status,
    due_at: null,
    warn_at: null,
    remaining_minutes: remaining,
    business_hours: false,
    target_minutes: 480,
    started_at: new Date(),
    breached_at: null,
    fulfilled_at: null,
  });
  const badge = (locale: 'en' | 'de', t: SlaTargetJson) => forReader({ locale, timeZone: 'UTC' }, () => String(SlaBadge({ sla: { policy_id: null, targets: [t] } })));

  it('says overdue and paused the way each language does', () => {
    expect(badge('de', target('breached', -(26 * 60 + 5)))).toContain('>SLA Lösung: seit 1 Tg., 2 Std. überfällig<');
    expect(badge('en', target('breached', -(26 * 60 + 5)))).toContain('>SLA resolution: overdue by 1 day 2 hrs<');
    expect(badge('de', target('paused', 45))).toContain('>SLA Lösung: pausiert, noch 45 Min.<');
    expect(badge('en', target('paused', 45))).toContain('>SLA resolution: paused, 45 mins left<');
  });
});

describe('the ticket page for an English reader', () => {
  it('is unchanged', async () => {
    const html = await text(`/app/tickets/${n}`, english);
    expect(html).toContain('<option value="open" selected="">Open</option>');
    expect(html).toContain('<button type="submit">Send</button>');
    expect(html).toMatch(/data-testid="sla-badge" title="Due \d{1,2} \w{3} \d{4}, \d{2}:\d{2}">SLA first reply: (1 hr 59 mins|2 hrs)( of business time)? left<\/span>/);
    const history = await text(`/app/tickets/${n}?tab=history`, english);
    expect(history).toContain('Grace Hopper</strong> changed Status from New to Open');
    expect(await text('/app/tickets/new', english)).toContain('Create ticket');
  });
});
