import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TransactionSql } from '#lib/db/pool.ts';
import { attempt } from './form-errors.ts';
import { slaPageData } from './admin-page-data.ts';

/** What the SLA page says above its lists after a change: done, or why not. */
export interface SlaState {
  notice?: string | undefined;
  error?: string | undefined;
}

/** What a button of the SLA page's policy list answers: the status, the page's data read after the change, and its state. */
export interface SlaListOutcome {
  status: ContentfulStatusCode;
  data: Awaited<ReturnType<typeof slaPageData>>;
  state: SlaState;
}

/**
 * One change from the SLA page's policy list (enable, move, delete), made in a savepoint by the
 * API's own library call. Done: `notice` says so. Refused (another org's policy is a 404): the
 * library's message at the top of the page, nothing changed.
 *
 * @example
 * const r = await changeSlaList(db, (sp) => deletePolicy(sp, orgId, actor, id), (p) => `Policy “${p.name}” deleted.`);
 * return c.html(<SlaBody {...r.data} state={r.state} />, r.status);
 */
export async function changeSlaList<T>(tx: TransactionSql, change: (sp: TransactionSql) => Promise<T>, notice: (value: T) => string): Promise<SlaListOutcome> {
  const done = await attempt(tx, change);
  const data = await slaPageData(tx);
  if (done.ok) return { status: 200, data, state: { notice: notice(done.value) } };
  return { status: done.status, data, state: { error: done.message ?? Object.values(done.errors)[0] } };
}
