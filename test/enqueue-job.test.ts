/**
 * app.enqueue_job is tenant code's one door into the queue (sql/024): each listed task with its
 * payload and key, the org taken from the verified context into both, and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryProof } from '#lib/db/entry-proof.ts';
import { createPool, type Sql } from '#lib/db/pool.ts';
import { asSystem, withTenant } from '#lib/db/tenant.ts';
import { TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let a: Member;
let b: Member;
/** The application role, as the API and the worker connect. */
let app: Sql;

beforeAll(async () => {
  a = await t.org('enqueue-a');
  b = await t.org('enqueue-b');
  app = createPool(t.db.appUrl, { max: 1, applicationName: 'atum-test-enqueue', entryProof: entryProof(TEST_SECRET) });
});

afterAll(async () => {
  await app.end();
});

interface Job {
  task: string;
  payload: Record<string, unknown>;
  max_attempts: number;
}

const enqueue = (orgId: string, task: string, payload: object | null, key: string | null) =>
  withTenant(app, asSystem(orgId), (tx) => tx`select app.enqueue_job(${task}, ${payload === null ? null : tx.json(payload as never)}, null, ${key})`);
const jobAt = async (key: string) =>
  (
    await t.owner<Job[]>`
    select k.identifier as task, j.payload, j.max_attempts from graphile_worker._private_jobs j
    join graphile_worker._private_tasks k on k.id = j.task_id where j.key = ${key}`
  )[0];

describe('app.enqueue_job', () => {
  it('enqueues each listed task as the application role, stamping the org into payload and key', async () => {
    const id = randomUUID();
    const cases = [
      { task: 'ticket-autoclose', payload: { number: 7 }, key: 'autoclose:7', attempts: 10 },
      { task: 'mail-send', payload: { id }, key: `mail-send:${id}`, attempts: 10 },
      { task: 'search-reindex', payload: {}, key: 'search-reindex', attempts: 10 },
      { task: 'sla-recompute', payload: {}, key: 'sla-recompute', attempts: 5 },
    ];
    for (const c of cases) {
      await enqueue(a.orgId, c.task, c.payload, c.key);
      expect(await jobAt(`${c.key}:${a.orgId}`), c.task).toEqual({ task: c.task, payload: { ...c.payload, org_id: a.orgId }, max_attempts: c.attempts });
    }
  });

  it('refuses a payload or key other than the task takes, so no caller names another org or a second copy', async () => {
    const refusals: [string, object | null, string | null][] = [
      ['search-reindex', { org_id: b.orgId }, 'search-reindex'],
      ['search-reindex', {}, `search-reindex:${b.orgId}`],
      ['search-reindex', null, 'search-reindex'],
      ['mail-send', { id: randomUUID() }, 'mail-send:another-key'],
      ['ticket-autoclose', { number: 7, extra: true }, 'autoclose:7'],
      ['sla-recompute', {}, null],
    ];
    for (const [task, payload, key] of refusals) {
      await expect(enqueue(a.orgId, task, payload, key), `${task} ${JSON.stringify(payload)} ${key}`).rejects.toMatchObject({ code: '42501' });
    }
    expect(await jobAt(`search-reindex:${b.orgId}`)).toBeUndefined();
  });

  it('refuses tasks that are not listed, and a caller without an org', async () => {
    for (const task of ['mail-poll', 'sla-breach', 'sla-sweep', 'heartbeat']) {
      await expect(enqueue(a.orgId, task, {}, task), task).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/is not a task tenants may enqueue/) });
    }
    await expect(withTenant(app, { orgId: null, userId: null, role: null }, (tx) => tx`select app.enqueue_job('search-reindex', '{}', null, 'search-reindex')`)).rejects.toMatchObject({
      code: '42501',
      message: expect.stringMatching(/no tenant context/),
    });
  });

  it('is, with the SLA scheduler and the dead-job count, all the queue role owns in app', async () => {
    const owned = await t.owner<{ name: string }[]>`
      select p.proname as name from pg_proc p
      where p.pronamespace = 'app'::regnamespace and pg_get_userbyid(p.proowner) = 'atum_queue' order by 1`;
    expect(owned.map((r) => r.name)).toEqual(['enqueue_job', 'sla_schedule_jobs', 'worker_dead_jobs']);
  });
});
