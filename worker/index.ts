import type { TaskList } from 'graphile-worker';
import type { WorkerDeps } from './deps.ts';
import { heartbeat } from './heartbeat.ts';
import { pruneAuth } from './prune-auth.ts';

/** Every task, by the identifier jobs are enqueued with. One file per task. */
export function taskList(deps: WorkerDeps): TaskList {
  return {
    heartbeat: heartbeat(deps),
    'prune-auth': pruneAuth(deps),
  };
}
