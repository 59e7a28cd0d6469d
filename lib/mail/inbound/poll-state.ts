import type { Sql } from '#lib/db/pool.ts';
import { withTenant, asSystem } from '#lib/db/tenant.ts';
import { noticeMailboxFailing } from '#lib/mail/mailbox-failure-notice.ts';

/** The first retry waits this long; each further failure doubles it, up to the cap. */
const BACKOFF_BASE_SECONDS = 60;
const BACKOFF_CAP_SECONDS = 3600;

/**
 * The retry delay after `failures` consecutive failures: 1, 2, 4 … minutes, at most an hour.
 *
 * @example
 * backoffSeconds(3); // 240
 */
export function backoffSeconds(failures: number): number {
  return Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(0, failures - 1));
}

/**
 * Records a failed poll: failing since the first failure, the newest error, and the next try
 * pushed out exponentially. Logs ONE line when the mailbox turns from ok to failing, none while
 * it stays failing, so a wrong password does not write a line a minute for days. That same turn
 * tells the org's admins, once (lib/mail/mailbox-failure-notice.ts); `smtpUrlSet` says whether
 * SMTP_URL offers a route for that email besides the mailboxes.
 */
export async function recordPollFailure(sql: Sql, log: (line: string) => void, orgId: string, mailboxId: string, error: string, smtpUrlSet = false): Promise<void> {
  const [row] = await withTenant(sql, asSystem(orgId), async (tx) => {
    const rows = await tx<{ name: string; was: string; failures: number; next_try_at: Date }[]>`
    update mailboxes m set status = 'failing', last_error = ${error.slice(0, 2000)}, failing_since = coalesce(m.failing_since, now()),
      consecutive_failures = m.consecutive_failures + 1,
      next_try_at = now() + make_interval(secs => least(${BACKOFF_CAP_SECONDS}, ${BACKOFF_BASE_SECONDS} * power(2, m.consecutive_failures)))
    from (select id, status::text as was from mailboxes where id = ${mailboxId} for update) o
    where m.id = o.id
    returning m.name, o.was, m.consecutive_failures as failures, m.next_try_at`;
    if (rows[0]?.was === 'ok') await noticeMailboxFailing(tx, { orgId, mailboxId, error, smtpUrlSet });
    return rows;
  });
  if (row && row.was === 'ok') {
    log(
      `mail: mailbox "${row.name}" (${mailboxId}, org ${orgId}) is failing: ${error}; retrying with backoff from ${BACKOFF_BASE_SECONDS / 60} min up to ${BACKOFF_CAP_SECONDS / 60} min (status in the admin API, health and atum doctor)`,
    );
  }
}

/** Records a good poll; logs one line if the mailbox was failing. `again`: more mail waits, poll again at once. */
export async function recordPollSuccess(sql: Sql, log: (line: string) => void, orgId: string, mailboxId: string): Promise<void> {
  const [row] = await withTenant(
    sql,
    asSystem(orgId),
    (tx) => tx<{ name: string; was: string; failures: number }[]>`
    update mailboxes m set status = 'ok', last_error = null, failing_since = null, consecutive_failures = 0,
      last_polled_at = now(), next_try_at = now()
    from (select id, status::text as was, consecutive_failures as failures from mailboxes where id = ${mailboxId} for update) o
    where m.id = o.id
    returning m.name, o.was, o.failures`,
  );
  if (row && row.was === 'failing') log(`mail: mailbox "${row.name}" (${mailboxId}, org ${orgId}) works again after ${row.failures} failed attempts`);
}
