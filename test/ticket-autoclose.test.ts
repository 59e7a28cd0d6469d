import type { JobHelpers } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { ticketAutoclose, ticketAutocloseSweep } from '#worker/ticket-autoclose.ts';
import { useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
const helpers = { logger: { info: () => {} } } as unknown as JobHelpers;
let owner: Member;

async function solvedTicket(): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'Done soon', body: 'x' } });
  const { number } = (await res.json()) as { number: number };
  expect((await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: owner, body: { status: 'solved' } })).status).toBe(200);
  return number;
}
const statusOf = async (n: number) => (await t.owner<{ status: string }[]>`select status from tickets where org_id = ${owner.orgId} and number = ${n}`)[0]!.status;

beforeAll(async () => {
  owner = await t.org('autoclose-co');
});

describe('closing solved tickets', () => {
  it('enqueues a job for the moment a solved ticket is due, keyed by the ticket', async () => {
    const n = await solvedTicket();
    const [job] = await t.owner<{ task_identifier: string; run_at: Date; payload: { number: number; org_id: string } }[]>`
      select t.identifier as task_identifier, j.run_at, j.payload
      from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where j.key = ${`autoclose:${n}:${owner.orgId}`}`;
    expect(job).toMatchObject({ task_identifier: 'ticket-autoclose', payload: { number: n, org_id: owner.orgId } });
    const days = (job!.run_at.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(3.9);
    expect(days).toBeLessThan(4.1);
  });

  it("waits the org's own number of days, which admins set on the org", async () => {
    const res = await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { solved_autoclose_days: 10 } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ solved_autoclose_days: 10 });
    expect((await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { solved_autoclose_days: 0 } })).status).toBe(400);
    const n = await solvedTicket();
    const [job] = await t.owner<{ run_at: Date }[]>`select run_at from graphile_worker._private_jobs where key = ${`autoclose:${n}:${owner.orgId}`}`;
    const days = (job!.run_at.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(9.9);
    expect(days).toBeLessThan(10.1);
    await t.request('/api/v1/org', { method: 'PATCH', as: owner, body: { solved_autoclose_days: 4 } });
  });

  it('closes a ticket whose days are up, leaves one that was reopened, and is safe to run twice', async () => {
    const due = await solvedTicket();
    const reopened = await solvedTicket();
    await t.owner`update tickets set solved_at = now() - interval '5 days' where org_id = ${owner.orgId} and number in (${due}, ${reopened})`;
    await t.request(`/api/v1/tickets/${reopened}`, { method: 'PATCH', as: owner, body: { status: 'open' } });
    const task = ticketAutoclose({ sql: t.deps.unscoped });
    for (const n of [due, reopened, due]) await task({ org_id: owner.orgId, number: n }, helpers);
    expect(await statusOf(due)).toBe('closed');
    expect(await statusOf(reopened)).toBe('open');
  });

  it('sweeps every org for what is due', async () => {
    const n = await solvedTicket();
    await t.owner`update tickets set solved_at = now() - interval '30 days' where org_id = ${owner.orgId} and number = ${n}`;
    await ticketAutocloseSweep({ sql: t.deps.unscoped })({}, helpers);
    expect(await statusOf(n)).toBe('closed');
    const [history] = await t.owner<{ details: { changes: { status: string[] } }; actor_user_id: string | null }[]>`
      select details, actor_user_id from audit_log where org_id = ${owner.orgId} and target_id = ${String(n)} and action = 'ticket.update' order by seq desc limit 1`;
    expect(history).toMatchObject({ details: { changes: { status: ['solved', 'closed'] } }, actor_user_id: null });
  });
});
