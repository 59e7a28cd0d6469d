import { describe, expect, it } from 'vitest';
import { createApp } from '#lib/app.ts';
import { createPool } from '#lib/db/pool.ts';
import { loadRouteTable } from '#lib/router/mount.ts';
import { useTestApp } from './helpers/app.ts';
import { freePort } from './helpers/free-port.ts';

const t = useTestApp();

describe('GET /api/v1/health', () => {
  it('answers 200 with the database, the store in use, the worker and the version', async () => {
    const res = await t.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'degraded', // no worker has beaten in this test database
      version: '0.1.0',
      database: { status: 'ok' },
      kv: { kind: 'memory', status: 'ok' },
      worker: { status: 'unknown', last_heartbeat: null },
      mail: { failing_mailboxes: 0 },
    });
  });

  it('reports a recent worker heartbeat as ok, and an old one as stale', async () => {
    await t.owner`insert into app.worker_heartbeat (worker, beat_at) values ('test:1', now()) on conflict (id) do update set beat_at = now()`;
    expect(((await (await t.request('/api/v1/health')).json()) as { status: string }).status).toBe('ok');
    await t.owner`update app.worker_heartbeat set beat_at = now() - interval '10 minutes'`;
    const body = (await (await t.request('/api/v1/health')).json()) as { worker: { status: string } };
    expect(body.worker.status).toBe('stale');
  });

  it('answers 503 when the database is unreachable, and other endpoints say so in JSON', async () => {
    const port = await freePort(); // nothing listens here
    const dead = createPool(`postgres://atum_app:x@127.0.0.1:${port}/atum`, { max: 1, applicationName: 'dead' });
    try {
      const app = createApp({ ...t.deps, unscoped: dead }, await loadRouteTable());
      const health = await app.request('/api/v1/health');
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'down', database: { status: 'down' } });
      const owner = await t.org('down');
      const me = await app.request('/api/v1/me', { headers: { authorization: owner.auth } });
      expect(me.status).toBe(503);
      expect(me.headers.get('retry-after')).toBe('5');
      expect(await me.json()).toEqual({ error: { code: 'database_unavailable', message: 'The database cannot be reached right now; try again shortly' } });
    } finally {
      await dead.end();
    }
  });

  it('recovers by itself when the database drops every connection', async () => {
    const owner = await t.org('recover');
    expect((await t.request('/api/v1/me', { as: owner })).status).toBe(200);
    const killed = await t.owner`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and usename = 'atum_app'`;
    expect(killed.length).toBeGreaterThan(0);
    // The first request may land on a connection that died; the pool replaces it.
    const first = await t.request('/api/v1/me', { as: owner });
    expect([200, 503]).toContain(first.status);
    const next = await t.request('/api/v1/me', { as: owner });
    expect(next.status).toBe(200);
  });
});
