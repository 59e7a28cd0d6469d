import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';

/**
 * The admin pages of custom fields and SLA (calendars, holidays, policies) in the reader's
 * language: a German reader gets German words, weekday names and holiday dates; an English
 * reader of the same org keeps the English pages.
 */
const t = useTestApp();
const FORM = 'application/x-www-form-urlencoded';

let owner: Member;
let english: Member;
let fieldId: string;
let calendarId: string;
let policyId: string;

async function created(res: Response): Promise<string> {
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function page(path: string, as: Member): Promise<string> {
  const res = await t.request(path, { as, headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  return res.text();
}

function post(path: string, as: Member, fields: Record<string, string>) {
  return t.request(path, { method: 'POST', as, body: new URLSearchParams(fields).toString(), headers: { 'content-type': FORM, accept: 'text/html', 'hx-request': 'true' } });
}

beforeAll(async () => {
  owner = await t.org('i18n-sla-fields');
  english = await t.member(owner, 'admin', 'eve@i18n-sla-fields.test');
  await t.speaks(owner, 'de');
  await t.speaks(english, 'en');
  fieldId = await created(
    await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'], required_from: 'solved' } }),
  );
  calendarId = await created(
    await t.request('/api/v1/sla/calendars', {
      method: 'POST',
      as: owner,
      body: {
        name: 'Büro',
        time_zone: 'Europe/Berlin',
        weekly: [{ weekday: 1, start: '09:00', end: '17:00' }],
        holidays: [
          { date: '2026-12-25', recurring: true, name: 'Weihnachten' },
          { date: '2026-12-31', recurring: false },
        ],
      },
    }),
  );
  policyId = await created(
    await t.request('/api/v1/sla/policies', {
      method: 'POST',
      as: owner,
      body: {
        name: 'Gold',
        calendar_id: calendarId,
        conditions: { priority: ['urgent', 'high'] },
        targets: { urgent: { first_response: { minutes: 30, business_hours: true }, resolution: { minutes: 240 } } },
      },
    }),
  );
});

describe('custom fields pages', () => {
  it('shows the list and a field in German to a German reader', async () => {
    const list = await page('/app/admin/fields', owner);
    expect(list).toContain('<h1>Benutzerdefinierte Felder</h1>');
    expect(list).toContain('Ticketfelder');
    expect(list).toContain('Auswahlliste (eine Option)');
    expect(list).toContain('Ab Gelöst');
    expect(list).toContain('Kunden sehen dieses Feld und füllen es aus');
    expect(list).toContain('aria-label="Plan archivieren"');
    for (const english of ['Ticket fields', 'Dropdown (one option)', 'From Solved', 'Add field', 'Customers see it']) expect(list).not.toContain(english);

    const field = await page(`/app/admin/fields/${fieldId}`, owner);
    expect(field).toContain('Feld: Plan');
    expect(field).toContain('Schlüssel <code>plan</code> · Auswahlliste (eine Option).');
    expect(field).toContain('Pflichtfeld ab dem Status');
    expect(field).toContain('Neu → Offen → Wartend → Zurückgestellt → Gelöst → Geschlossen');
    expect(field).toContain('>Nie erforderlich</option>');
    expect(field).toContain('Feld speichern');
    for (const english of ['Save field', 'Required once the ticket is', 'Never required', 'All fields']) expect(field).not.toContain(english);
  });

  it('answers a German notice after a change', async () => {
    const moved = await post(`/app/admin/fields/${fieldId}/move`, owner, { direction: 'down' });
    expect(await moved.text()).toContain('Feld „Plan“ nach unten verschoben.');
  });
});

describe('SLA pages', () => {
  it('shows the overview in German, with German weekday names and durations', async () => {
    const html = await page('/app/admin/sla', owner);
    expect(html).toContain('Geschäftszeiten-Kalender');
    expect(html).toContain('Mo 09:00–17:00');
    expect(html).toContain('Dringend: Erste Antwort 30 Min. (Geschäftszeiten), Lösung 4 Std.');
    expect(html).toContain('Priorität dringend oder hoch');
    expect(html).toContain('Kalender: Büro');
    for (const english of ['Business calendars', 'Mon 09:00', 'first response', 'priority urgent', 'New policy']) expect(html).not.toContain(english);
  });

  it('shows a policy in German, and its form errors', async () => {
    const html = await page(`/app/admin/sla/policies/${policyId}`, owner);
    expect(html).toContain('Richtlinie: Gold');
    expect(html).toContain('Erste Antwort');
    expect(html).toContain('Zurückgestellt');
    expect(html).toContain('Richtlinie speichern');
    expect(html).toContain('placeholder="z. B. 4h"');
    for (const english of ['Save policy', 'First response', 'business hours', 'Leave it']) expect(html).not.toContain(english);

    const bad = await post(`/app/admin/sla/policies/${policyId}`, owner, { name: 'Gold', calendar_id: calendarId, warn_percent: '80', t_urgent_first_response: 'bald' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="policy-t_urgent_first_response-error"[^>]*>muss eine Dauer sein, etwa 4h, 90m oder 1h 30m/);
  });

  it('shows a calendar in German: weekday names from Intl and holiday dates the German way', async () => {
    const html = await page(`/app/admin/sla/calendars/${calendarId}`, owner);
    expect(html).toContain('Kalender: Büro');
    for (const day of ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']) expect(html).toContain(`<span class="day-name">${day}</span>`);
    expect(html).toContain('<time datetime="2026-12-25">25. Dezember</time>');
    expect(html).toContain('<time datetime="2026-12-31">Do., 31. Dez. 2026</time>');
    expect(html).toContain('Jedes Jahr');
    expect(html).toContain('Verwendet von der Richtlinie Gold');
    expect(html).toContain('Feiertag hinzufügen');
    for (const english of ['Monday', 'Sunday', '25 December', 'Every year', 'Add holiday', 'Used by the policy']) expect(html).not.toContain(english);

    const added = await post(`/app/admin/sla/calendars/${calendarId}/holidays`, owner, { date: '2026-05-01', name: 'Maifeiertag', recurring: 'on' });
    expect(added.status).toBe(200);
    const section = await added.text();
    expect(section).toContain('Feiertag „Maifeiertag“ hinzugefügt.');
    expect(section).toContain('<time datetime="2026-05-01">1. Mai</time>');
  });
});

describe('an English reader of the same org', () => {
  it('keeps the English pages', async () => {
    const fields = await page('/app/admin/fields', english);
    expect(fields).toContain('Ticket fields');
    expect(fields).toContain('Dropdown (one option)');
    expect(fields).toContain('From Solved');
    const sla = await page('/app/admin/sla', english);
    expect(sla).toContain('Business calendars');
    expect(sla).toContain('Mon 09:00–17:00');
    expect(sla).toContain('urgent: first response 30 mins (business), resolution 4 hrs');
    expect(sla).toContain('priority urgent or high');
    const calendar = await page(`/app/admin/sla/calendars/${calendarId}`, english);
    expect(calendar).toContain('<span class="day-name">Monday</span>');
    expect(calendar).toContain('<time datetime="2026-12-25">25 December</time>');
    expect(calendar).toContain('<time datetime="2026-12-31">Thu, 31 Dec 2026</time>');
    expect(calendar).not.toContain('Montag');
  });
});
