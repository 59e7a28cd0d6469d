/**
 * Issue 13, fault 4: a calendar whose week has no gap (Mon–Sun 00:00–24:00 without the
 * always-open flag, daily shifts 00–08, 08–16, 16–24, or one whose holidays are all past) made
 * the business-time walker loop forever, and a policy on it stopped the whole API. Both checks
 * run the code in a child process, so a hang shows as a deadline passed, not a stuck test run.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { signAccessToken, tokenKeys } from '#lib/auth/access-token.ts';
import { addBusinessMinutes, businessMinutesBetween } from '#lib/sla/business-time.ts';
import { MAX_WALK_DAYS } from '#lib/sla/calendar.ts';
import { createOrg } from '#lib/orgs/create.ts';
import { startApiProcess, type ApiProcess } from './helpers/api-process.ts';
import { TEST_SECRET } from './helpers/secret.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import type { ProbeReport } from './helpers/sla-gapless-probe.ts';

/**
 * The walker answers these in well under a millisecond; the broken one never answered. The
 * bound is that of a hang, generous enough for a GC pause or a first call's time-zone load on
 * a 2-core machine that runs the rest of the suite meanwhile.
 */
const PER_CALL_MS = 1_000;

function runProbe(seed: number, deadlineMs: number): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['test/helpers/sla-gapless-probe.ts', String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The business-time probe did not finish within ${deadlineMs} ms: a calls loops (output so far: ${out}${err})`));
    }, deadlineMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as ProbeReport);
      else reject(new Error(`The probe exited with ${code}: ${err}`));
    });
  });
}

describe('business time on a calendar with no gap in its week', () => {
  it('answers right and at once: 1 minute after 10:00Z is 10:01Z; properties over fully covered weeks hold', async () => {
    const report = await runProbe(Number(process.env.SLA_PROBE_SEED ?? Date.now() % 100_000), 90_000);
    expect(report.canonical).toEqual({
      mondayToSunday: '2026-12-01T10:01:00.000Z',
      shifts: '2026-12-01T10:01:00.000Z',
      pastOnly: '2026-12-01T10:01:00.000Z',
      between: String(7 * 24 * 60),
      open: 'true',
    });
    expect(report.failure).toBeNull();
    expect(report.calls).toBeGreaterThan(1_000);
    expect(report.slowestCallMs).toBeLessThan(PER_CALL_MS);
  }, 120_000);

  it('stays bounded for a target the calendar cannot reach in 20 years: a typed error, not a loop', () => {
    const oneMinuteAWeek = { timeZone: 'UTC', alwaysOpen: false, weekly: [{ weekday: 1 as const, start: '09:00', end: '09:01' }], holidays: [] };
    const started = performance.now();
    expect(() => addBusinessMinutes(oneMinuteAWeek, new Date('2026-12-01T10:00Z'), 525_600)).toThrow(/more than 7320 days/);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(MAX_WALK_DAYS).toBe(7320);
    expect(businessMinutesBetween(oneMinuteAWeek, new Date('2026-11-30T00:00Z'), new Date('2026-12-14T00:00Z'))).toBe(2);
  });
});

describe('through the API, in its own process', () => {
  const SECRET = TEST_SECRET;
  let db: TestDatabase;
  let owner: postgres.Sql;
  let api: ApiProcess;
  let auth: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
    const org = await createOrg(owner, { slug: 'gapless', name: 'Gapless', adminEmail: 'owner@gapless.test', adminPassword: 'correct horse battery' });
    api = await startApiProcess({ DATABASE_URL: db.appUrl, APP_SECRET: SECRET });
    auth = `Bearer ${await signAccessToken(tokenKeys(SECRET, api.url), { userId: org.userId, orgId: org.orgId, role: 'owner' }, 3600)}`;
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await owner?.end({ timeout: 1 });
    await db?.drop();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('a Mon–Sun 00:00–24:00 calendar with a policy ordered first: tickets get due times, health keeps answering', async () => {
    const weekly = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
      { weekday, start: '00:00', end: '08:00' },
      { weekday, start: '08:00', end: '16:00' },
      { weekday, start: '16:00', end: '24:00' },
    ]);
    const cal = await call('POST', '/api/v1/sla/calendars', { name: 'Round the clock by shifts', time_zone: 'Europe/Berlin', weekly, holidays: [{ date: '2024-05-01' }] });
    expect(cal.status).toBe(201);
    const policy = await call('POST', '/api/v1/sla/policies', { name: 'Everything', calendar_id: cal.json.id, targets: { normal: { first_response: { minutes: 60 } } } });
    expect(policy.status).toBe(201);
    expect((await call('PUT', '/api/v1/sla/policies/order', { ids: [policy.json.id] })).status).toBe(200);

    const before = Date.now();
    const ticket = await call('POST', '/api/v1/tickets', { subject: 'Due in an hour', body: 'x', priority: 'normal', requester: { email: 'c@gapless.test' } });
    expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
    const [target] = await owner<{ due_at: Date }[]>`select due_at from ticket_sla_targets where ticket_number = ${String(ticket.json.number)} and metric = 'first_response'`;
    // Open around the clock: due exactly an hour of real time after creation.
    expect(target!.due_at.getTime()).toBeGreaterThanOrEqual(before + 60 * 60_000 - 1_000);
    expect(target!.due_at.getTime()).toBeLessThanOrEqual(Date.now() + 60 * 60_000);

    const health = await fetch(`${api.url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
    expect(health.status).toBe(200);
    expect(api.exited()).toBeNull();
  }, 60_000);
});
