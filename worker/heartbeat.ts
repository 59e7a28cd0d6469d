import { hostname } from 'node:os';
import type { Task } from 'graphile-worker';
import type { WorkerDeps } from './deps.ts';

/** Proves the worker is alive and processing jobs: health and `atum doctor` read the beat. */
export function heartbeat(deps: WorkerDeps): Task {
  return async function heartbeatTask() {
    await deps.sql`
      insert into app.worker_heartbeat (worker, beat_at) values (${`${hostname()}:${process.pid}`}, now())
      on conflict (id) do update set worker = excluded.worker, beat_at = excluded.beat_at`;
  };
}
