import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { readSse, type SseReader } from './helpers/sse.ts';

const t = useTestApp();
let a: Member;
let b: Member;
let agentA: Member;
const open: SseReader[] = [];

beforeAll(async () => {
  a = await t.org('live-a');
  b = await t.org('live-b');
  agentA = await t.member(a, 'agent');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function stream(as: Member, headers: Record<string, string> = {}): Promise<SseReader> {
  const res = await t.request('/app/events', { as, headers: { accept: 'text/event-stream', ...headers } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  expect(res.headers.get('x-accel-buffering')).toBe('no');
  const reader = readSse(res);
  open.push(reader);
  return reader;
}

async function ticket(as: Member, subject: string): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject, body: 'hello', requester: { email: `req@${subject}.test` } } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { number: number }).number;
}

/** The hub subscribes on the first stream; wait until its LISTEN is live before changing things. */
async function listening(): Promise<void> {
  await expect.poll(async () => (await t.owner`select 1 from pg_stat_activity where query ilike 'listen%atum_live%'`).length, { timeout: 5000 }).toBe(1);
}

describe('GET /app/events', () => {
  it('tells an org about its own changes and never about another org', async () => {
    const numberA = await ticket(a, 'alpha');
    await ticket(b, 'bravo');
    const numberB = await ticket(b, 'bravo2');
    const s = await stream(agentA);
    await listening();
    // Org B's change commits first: notifications arrive in commit order on the one LISTEN
    // connection, so had it been sent to org A's stream, it would come before A's own.
    expect((await t.request(`/api/v1/tickets/${numberB}`, { method: 'PATCH', as: b, body: { priority: 'high' } })).status).toBe(200);
    expect((await t.request(`/api/v1/tickets/${numberA}`, { method: 'PATCH', as: a, body: { priority: 'high' } })).status).toBe(200);
    const got = await s.waitFor((e) => e.event === `ticket-${numberA}`);
    expect(got.data).toBe(String(numberA));
    expect(s.events.map((e) => e.event)).toContain('tickets');
    expect(s.events.filter((e) => e.event.startsWith(`ticket-${numberB}`) || e.data === String(numberB))).toEqual([]);

    // A reply is a thread event; it carries the number and nothing of the message.
    expect((await t.request(`/api/v1/tickets/${numberA}/messages`, { method: 'POST', as: a, body: { body: 'secret words' } })).status).toBe(201);
    const thread = await s.waitFor((e) => e.event === `ticket-${numberA}-thread`);
    expect(thread.data).toBe(String(numberA));
    expect(JSON.stringify(s.events)).not.toContain('secret');
  });

  it('sends one event per name for a burst of changes', async () => {
    const s = await stream(agentA);
    await listening();
    const numbers = [await ticket(a, 'burst1'), await ticket(a, 'burst2'), await ticket(a, 'burst3')];
    for (const n of numbers) await s.waitFor((e) => e.event === `ticket-${n}`);
    const seen = s.events.length;
    await t.owner`update tickets set priority = 'low' where org_id = ${a.orgId} and number = any(${numbers})`;
    for (const n of numbers) await s.waitFor((e, i = s.events.indexOf(e)) => i >= seen && e.event === `ticket-${n}`);
    expect(
      s.events
        .slice(seen)
        .map((e) => e.event)
        .sort(),
    ).toEqual(['tickets', ...numbers.map((n) => `ticket-${n}`)].sort());
  });

  it('tells a reconnecting page to resync', async () => {
    const s = await stream(agentA, { 'last-event-id': 'old-1' });
    const resync = await s.waitFor((e) => e.event === 'resync');
    expect(resync.id).toMatch(/^[0-9a-z]+-\d+$/);
  });

  it('re-listens after the LISTEN connection is cut, and tells pages to resync', async () => {
    const s = await stream(agentA);
    await listening();
    await t.owner`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen%atum_live%'`;
    await s.waitFor((e) => e.event === 'resync', 15_000);
    const n = await ticket(a, 'after-cut');
    await s.waitFor((e) => e.event === `ticket-${n}`);
  });

  it('refuses customers (the stream is no page, so no redirect to the portal), and sends anonymous callers to sign in', async () => {
    const customer = await t.member(a, 'customer');
    const refused = await t.request('/app/events', { as: customer, headers: { accept: 'text/event-stream' } });
    expect(refused.status).toBe(403);
    const anonymous = await t.request('/app/events', { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fapp%2Fevents');
  });
});
