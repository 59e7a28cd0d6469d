import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TransactionSql } from '#lib/db/pool.ts';
import { listFieldRows, type FieldRow } from '#lib/custom-fields/definitions.ts';
import { attempt } from './form-errors.ts';

/** What a button of the Custom fields list answers: the status, every field read after the change, and what to say. */
export interface FieldListOutcome {
  status: ContentfulStatusCode;
  fields: FieldRow[];
  notice?: string | undefined;
  error?: string | undefined;
}

/** Every field, archived ones too, as the admin page lists them. */
export const adminFieldRows = (tx: TransactionSql) => listFieldRows(tx, { archived: true, customerView: false });

/**
 * One change from the Custom fields list (move, archive, unarchive), made in a savepoint by the
 * API's own library call. Done: `notice` says so. Refused (another org's field is a 404): the
 * library's message at the top of the page, nothing changed.
 *
 * @example
 * const r = await changeFieldList(db, (sp) => archiveField(sp, orgId, actor, id), (f) => `Field “${f.label}” archived.`);
 * return c.html(<FieldsBody fields={r.fields} notice={r.notice} error={r.error} />, r.status);
 */
export async function changeFieldList(tx: TransactionSql, change: (sp: TransactionSql) => Promise<FieldRow>, notice: (field: FieldRow) => string): Promise<FieldListOutcome> {
  const done = await attempt(tx, change);
  const fields = await adminFieldRows(tx);
  if (done.ok) return { status: 200, fields, notice: notice(done.value) };
  return { status: done.status, fields, error: done.message ?? Object.values(done.errors)[0] };
}
