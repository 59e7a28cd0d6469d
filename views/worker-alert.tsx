import type { WorkerAlert } from '#lib/worker/status.ts';

const TASK_NAMES: Record<string, string> = {
  'mail-send': 'sending email',
  'mail-poll': 'fetching email',
  'sla-breach': 'SLA breaches',
  'sla-warning': 'SLA warnings',
  'sla-recompute': 'SLA recalculation',
  'search-reindex': 'search indexing',
  'ticket-autoclose': 'closing solved tickets',
};

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
    <section class="error worker-alert" aria-label="Background worker">
      {staleSince ? (
        <p>
          <strong>The background worker has stopped.</strong> It last reported at <time datetime={staleSince.toISOString()}>{staleSince.toISOString().replace('T', ' ').slice(0, 16)} UTC</time>. Until
          it runs again, email is not sent or fetched and SLA warnings and breaches are not recorded. Ask whoever runs this server to check the <code>atum-worker</code> service (
          <code>systemctl status atum-worker</code>, <code>atum doctor</code>).
        </p>
      ) : null}
      {total > 0 ? (
        <p>
          <strong>
            {total} background job{total === 1 ? ' has' : 's have'} used up {total === 1 ? 'its' : 'their'} attempts
          </strong>{' '}
          and will not run again: {deadJobs.map((d) => `${TASK_NAMES[d.task] ?? d.task} (${d.jobs})`).join(', ')}. <code>atum doctor</code> lists them with the way to retry them once the cause is
          fixed.
        </p>
      ) : null}
    </section>
  );
}
