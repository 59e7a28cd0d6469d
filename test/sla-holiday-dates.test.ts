/**
 * Issue 13, fault 5: a holiday date that is not a date (`"not-a-date"`) made the schema's own
 * check throw (RangeError: Invalid time value) and answered 500, on the API's POST and PATCH and
 * on both holiday forms of the calendar page. Dates must be real calendar dates, refused by name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient, type PageSession } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);
let owner: Member;
let admin: PageSession;
let calendarId: string;

interface ErrorJson {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}
const BAD_DATES = ['not-a-date', '2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-2-3', '26-02-03', '2026-02-03T00:00', '', ' 2026-02-03', '+002026-02-03', '0000-01-01'];
const holidays = async () => (await t.owner<{ holidays: unknown[] }[]>`select holidays from sla_calendars where id = ${calendarId}`)[0]!.holidays;

beforeAll(async () => {
  owner = await t.org('holiday-dates');
  admin = await browser.signIn(owner, 'holiday-dates');
  const res = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name: 'Office', time_zone: 'Europe/Berlin', weekly: [{ weekday: 1, start: '09:00', end: '17:00' }] } });
  expect(res.status).toBe(201);
  calendarId = ((await res.json()) as { id: string }).id;
});

describe('holiday dates through the API', () => {
  it('POST /api/v1/sla/calendars refuses a date that is not a real date with 400 naming holidays.N.date', async () => {
    for (const date of BAD_DATES) {
      const res = await t.request('/api/v1/sla/calendars', {
        method: 'POST',
        as: owner,
        body: { name: `Bad ${date}`, time_zone: 'UTC', always_open: true, holidays: [{ date: '2026-12-25' }, { date }] },
      });
      expect(res.status, date).toBe(400);
      const { error } = (await res.json()) as ErrorJson;
      expect(error.code).toBe('validation_failed');
      expect(error.details?.[0]?.path, date).toBe('holidays.1.date');
      expect(error.message).toContain('holidays.1.date');
    }
    const [row] = await t.owner<{ n: number }[]>`select count(*)::int as n from sla_calendars where org_id = ${owner.orgId}`;
    expect(row!.n).toBe(1);
  });

  it('PATCH /api/v1/sla/calendars/:id refuses it the same way and keeps the holidays as they were', async () => {
    for (const date of BAD_DATES) {
      const res = await t.request(`/api/v1/sla/calendars/${calendarId}`, { method: 'PATCH', as: owner, body: { holidays: [{ date, recurring: true }] } });
      expect(res.status, date).toBe(400);
      expect(((await res.json()) as ErrorJson).error.details?.[0]?.path).toBe('holidays.0.date');
    }
    expect(await holidays()).toEqual([]);
  });

  it('still takes real dates, a leap day included', async () => {
    const res = await t.request(`/api/v1/sla/calendars/${calendarId}`, { method: 'PATCH', as: owner, body: { holidays: [{ date: '2028-02-29' }, { date: '2026-12-31', recurring: true }] } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await holidays()).toEqual([
      { date: '2028-02-29', recurring: false },
      { date: '2026-12-31', recurring: true },
    ]);
  });
});

describe('holiday dates on the calendar page', () => {
  it('the add-holiday form answers 422 with the error beside the date, nothing saved', async () => {
    const before = await holidays();
    for (const date of ['not-a-date', '2026-02-30', '2026-13-01']) {
      const res = await admin.post(`/app/admin/sla/calendars/${calendarId}/holidays`, { date, name: 'Nope' });
      expect(res.status, date).toBe(422);
      expect(await res.text()).toMatch(/id="holiday-date-error"[^>]*>must be a (real )?date/);
    }
    expect(await holidays()).toEqual(before);
  });

  it('the remove-holiday form answers 422 with the reason, nothing removed', async () => {
    const before = await holidays();
    for (const date of ['not-a-date', '2026-02-30']) {
      const res = await admin.post(`/app/admin/sla/calendars/${calendarId}/holidays/remove`, { date, recurring: 'on' });
      expect(res.status, date).toBe(422);
      expect(await res.text()).toMatch(/Not removed: the date must be a (real )?date/);
    }
    expect(await holidays()).toEqual(before);
  });
});
