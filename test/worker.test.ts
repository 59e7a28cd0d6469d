import { describe, expect, it, vi } from 'vitest';
import { startWorker } from '#lib/worker.ts';
import { useTestApp } from './helpers/app.ts';

const t = useTestApp();

describe('the worker', () => {
  it('runs jobs through the queue role and beats, so health reports it alive', async () => {
    const worker = await startWorker({ workerUrl: t.db.workerUrl, sql: t.deps.unscoped, config: t.deps.config, mailKey: t.deps.mailKey, concurrency: 1, log: () => {} });
    try {
      await vi.waitFor(
        async () => {
          const [row] = await t.owner`select beat_at from app.worker_heartbeat`;
          expect(row).toBeDefined();
        },
        { timeout: 15_000, interval: 100 },
      );
      const health = (await (await t.request('/api/v1/health')).json()) as { worker: { status: string } };
      expect(health.worker.status).toBe('ok');
      const crons = await t.owner<{ identifier: string }[]>`select identifier from graphile_worker._private_known_crontabs order by identifier`;
      expect(crons.map((c) => c.identifier)).toEqual(['heartbeat', 'mail-poll-due', 'mail-send-sweep', 'prune-auth', 'sla-sweep', 'ticket-autoclose-sweep']);
    } finally {
      await worker.stop();
    }
  });
});
