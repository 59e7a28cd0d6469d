import { createPool } from '#lib/db/pool.ts';
import type { Check } from './check.ts';
import { messageOf } from './check.ts';

/**
 * Jobs that used up their attempts: graphile-worker keeps them, never runs them again, and
 * nobody sees them unless someone looks. Read through the queue role (WORKER_DATABASE_URL),
 * the only role with rights on graphile_worker.
 *
 * @example
 * const check = await deadJobsCheck(target.workerUrl);
 */
export async function deadJobsCheck(workerUrl: string): Promise<Check> {
  const sql = createPool(workerUrl, { max: 1, applicationName: 'atum-doctor' });
  try {
    const rows = await sql<{ task: string; n: number; last_error: string | null }[]>`
      select task_identifier as task, count(*)::int as n, (array_agg(last_error order by updated_at desc))[1] as last_error
      from graphile_worker.jobs where attempts >= max_attempts and locked_at is null
      group by task_identifier order by n desc, task_identifier`;
    if (!rows.length) return { name: 'jobs', ok: true, detail: 'no job has used up its attempts' };
    const total = rows.reduce((s, r) => s + r.n, 0);
    const each = rows.map((r) => `${r.n} ${r.task}${r.last_error ? ` (last error: ${r.last_error.split('\n')[0]!.slice(0, 200)})` : ''}`);
    return {
      name: 'jobs',
      ok: false,
      detail: `${total} job${total === 1 ? ' has used up its' : 's have used up their'} attempts and will not run again: ${each.join('; ')}. Fix the cause, then run them again (as the worker role): select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs where attempts >= max_attempts), run_at := now(), attempts := 0); or drop them: select graphile_worker.complete_jobs(array(select id from graphile_worker.jobs where attempts >= max_attempts))`,
    };
  } catch (err) {
    return { name: 'jobs', ok: false, detail: `cannot read the job queue as the worker role: ${messageOf(err)}` };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
