import type { TaskList } from 'graphile-worker';
import type { WorkerDeps } from './deps.ts';
import { heartbeat } from './heartbeat.ts';
import { mailPoll, mailPollDue } from './mail-poll.ts';
import { mailSend } from './mail-send.ts';
import { mailSendSweep } from './mail-send-sweep.ts';
import { pruneAuth } from './prune-auth.ts';
import { searchReindex } from './search-reindex.ts';
import { slaBreach } from './sla-breach.ts';
import { slaRecompute } from './sla-recompute.ts';
import { slaSweep } from './sla-sweep.ts';
import { slaWarning } from './sla-warning.ts';
import { ticketAutoclose, ticketAutocloseSweep } from './ticket-autoclose.ts';

/** Every task, by the identifier jobs are enqueued with. One file per task. */
export function taskList(deps: WorkerDeps): TaskList {
  return {
    heartbeat: heartbeat(deps),
    'mail-poll': mailPoll(deps),
    'mail-poll-due': mailPollDue(deps),
    'mail-send': mailSend(deps),
    'mail-send-sweep': mailSendSweep(deps),
    'prune-auth': pruneAuth(deps),
    'ticket-autoclose': ticketAutoclose(deps),
    'ticket-autoclose-sweep': ticketAutocloseSweep(deps),
    'sla-warning': slaWarning(deps),
    'sla-breach': slaBreach(deps),
    'sla-sweep': slaSweep(deps),
    'sla-recompute': slaRecompute(deps),
    'search-reindex': searchReindex(deps),
  };
}
