/**
 * Issue 13, fault 4, the other half: every SLA computation in a request is bounded. The walker
 * stops after 20 years (SlaCalendarError, a 422); saving a calendar or a policy refuses what
 * would meet that bound, so tickets never do.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);
let owner: Member;

interface ErrorJson {
  error: { code: string; message: string };
}
const send = async (method: string, path: string, body: unknown) => {
  const res = await t.request(path, { method, as: owner, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & Partial<ErrorJson> };
};
const calendar = async (weekly: unknown[], holidays: unknown[] = []) => {
  const res = await send('POST', '/api/v1/sla/calendars', { name: `Cal ${Math.random()}`, time_zone: 'UTC', weekly, holidays });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id as string;
};
const ONE_MINUTE_A_WEEK = [{ weekday: 1, start: '09:00', end: '09:01' }];
const OFFICE = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

beforeAll(async () => {
  owner = await t.org('sla-bounds');
});

describe('saving refuses what the clock could not compute in a request', () => {
  it('a policy whose business-hours target its calendar would take more than 20 years to reach is 422, create and patch', async () => {
    const sparse = await calendar(ONE_MINUTE_A_WEEK);
    const refused = await send('POST', '/api/v1/sla/policies', { name: 'A year', calendar_id: sparse, targets: { normal: { resolution: { minutes: 525_600 } } } });
    expect(refused.status).toBe(422);
    expect(refused.json.error?.code).toBe('sla_target_unreachable');
    expect(refused.json.error?.message).toMatch(/525600 business minutes would take more than 20 years/);
    // Calendar minutes are not walked, and a reachable business target is fine.
    const ok = await send('POST', '/api/v1/sla/policies', {
      name: 'Hour',
      calendar_id: sparse,
      targets: { normal: { resolution: { minutes: 60 }, first_response: { minutes: 525_600, business_hours: false } } },
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    const patched = await send('PATCH', `/api/v1/sla/policies/${String(ok.json.id)}`, { targets: { normal: { resolution: { minutes: 525_600 } } } });
    expect(patched.status).toBe(422);
    expect(patched.json.error?.code).toBe('sla_target_unreachable');
  });

  it('a calendar change that leaves a policy’s target out of reach is 422, and the calendar stays as it was', async () => {
    const office = await calendar(OFFICE);
    const policy = await send('POST', '/api/v1/sla/policies', { name: 'Long', calendar_id: office, targets: { low: { resolution: { minutes: 100_000 } } } });
    expect(policy.status).toBe(201);
    const shrunk = await send('PATCH', `/api/v1/sla/calendars/${office}`, { weekly: ONE_MINUTE_A_WEEK });
    expect(shrunk.status).toBe(422);
    expect(shrunk.json.error?.code).toBe('sla_target_unreachable');
    const [row] = await t.owner<{ weekly: unknown[] }[]>`select weekly from sla_calendars where id = ${office}`;
    expect(row!.weekly).toHaveLength(5);
  });

  it('a calendar whose holidays close every day it opens is 422 calendar_never_open', async () => {
    const everyDay = Array.from({ length: 366 }, (_, i) => ({ date: new Date(Date.UTC(2028, 0, 1 + i)).toISOString().slice(0, 10), recurring: true }));
    const res = await send('POST', '/api/v1/sla/calendars', { name: 'Never', time_zone: 'UTC', weekly: OFFICE, holidays: everyDay });
    expect(res.status).toBe(422);
    expect(res.json.error?.code).toBe('calendar_never_open');
  });
});

describe('the admin pages', () => {
  it('show an unreachable target beside the policy form’s targets, nothing saved', async () => {
    const admin = await browser.signIn(owner, 'sla-bounds');
    const sparse = await calendar(ONE_MINUTE_A_WEEK);
    const res = await admin.post('/app/admin/sla/policies', { name: 'Page policy', calendar_id: sparse, active: 'on', warn_percent: '80', t_normal_resolution: '525600', b_normal_resolution: 'on' });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/class="field-error" role="alert">\s*A target of 525600 business minutes would take more than 20 years/);
    const [row] = await t.owner<{ n: number }[]>`select count(*)::int as n from sla_policies where org_id = ${owner.orgId} and name = 'Page policy'`;
    expect(row!.n).toBe(0);
  });
});

describe('a request that meets the walker’s bound anyway', () => {
  it('answers 422 sla_calendar_unusable at once, not a 500 and not minutes of walking', async () => {
    // Stored behind the API's back, as an old release might have left it.
    const sparse = await calendar(ONE_MINUTE_A_WEEK);
    await t.owner.begin(async (sql) => {
      await sql`select set_config('app.org_id', ${owner.orgId}, true)`;
      await sql`
        insert into sla_policies (org_id, name, position, calendar_id, targets)
        values (${owner.orgId}, 'Stored before the check', -1, ${sparse}, ${sql.json({ normal: { first_response: { minutes: 525_600, business_hours: true } } })})`;
    });
    const started = performance.now();
    const res = await send('POST', '/api/v1/tickets', { subject: 'Bounded', body: 'x', priority: 'normal', requester: { email: 'c@sla-bounds.test' } });
    expect(res.status).toBe(422);
    expect(res.json.error?.code).toBe('sla_calendar_unusable');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
