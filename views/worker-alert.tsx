import type { Child } from 'hono/jsx';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { formatDateTime } from '#lib/i18n/format.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import type { WorkerAlert } from '#lib/worker/status.ts';

/** What each background task does, in words (keys, read per render); an unknown task shows its id. */
const TASK_NAMES: Record<string, MessageKey> = {
  'mail-send': 'worker_alert.task.mail_send',
  'mail-poll': 'worker_alert.task.mail_poll',
  'sla-breach': 'worker_alert.task.sla_breach',
  'sla-warning': 'worker_alert.task.sla_warning',
  'sla-recompute': 'worker_alert.task.sla_recompute',
  'search-reindex': 'worker_alert.task.search_reindex',
  'ticket-autoclose': 'worker_alert.task.ticket_autoclose',
};

function taskName(task: string): string {
  const key = TASK_NAMES[task];
  return key ? t(key) : task;
}

const code = (chunks: Child[]) => <code>{chunks}</code>;
const strong = (chunks: Child[]) => <strong>{chunks}</strong>;

/**
 * The banner admins see on every page while the background worker is stopped or jobs have used
 * up their attempts: what does not happen meanwhile, and who can mend it.
 *
 * @example
 * <WorkerAlertBanner alert={{ staleSince: new Date('2026-12-04T18:01:00Z'), deadJobs: [] }} />
 */
export function WorkerAlertBanner(props: { alert: WorkerAlert }) {
  const { staleSince, deadJobs } = props.alert;
  const total = deadJobs.reduce((n, d) => n + d.jobs, 0);
  return (
    <section class="error worker-alert" aria-label={t('worker_alert.label')}>
      {staleSince ? (
        <p>
          {tRich('worker_alert.stopped_html', {
            at: formatDateTime(staleSince),
            strong,
            code,
            time: (chunks) => <time datetime={staleSince.toISOString()}>{chunks}</time>,
          })}
        </p>
      ) : null}
      {total > 0 ? (
        <p>
          {tRich('worker_alert.dead_html', {
            count: total,
            tasks: deadJobs.map((d) => `${taskName(d.task)} (${d.jobs})`).join(', '),
            strong,
            code,
          })}
        </p>
      ) : null}
    </section>
  );
}
