import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MemberCaller } from '#lib/auth/caller.ts';
import type { RolePermissions } from '#lib/auth/permissions.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { t } from '#lib/i18n/translate.ts';
import { attempt } from './form-errors.ts';
import { updateMembership, type MembershipChange, type MembershipResult } from '#lib/members/membership.ts';
import { usersPageData } from './admin-page-data.ts';
import type { FormState } from './form-state.ts';

/** What the Users page shows after a post: the invite form again, a row's refusal, or what happened. */
export interface UsersState {
  invite?: FormState;
  /** A refusal about one member's row, by user id. */
  rowError?: { userId: string; message: string };
  notice?: string;
  error?: string;
}

/** What a Users page row form answers: the status, the page's data read after the change, and its state. */
export interface MemberRowOutcome {
  status: ContentfulStatusCode;
  data: Awaited<ReturnType<typeof usersPageData>>;
  state: UsersState;
}

/**
 * One membership change from a row of the Users page (role, enable, disable, company), made as PATCH
 * /api/v1/users/:id makes it. Done: `notice` says so. Refused: the API's message beside the
 * row, and also at the top for another org's member (a 404), whose row the page does not have.
 *
 * @example
 * const r = await changeMemberRow(db, caller, roles, params.id, { disabled: true }, () => t('admin.users.disabled_notice'));
 * return c.html(<UsersBody data={r.data} state={r.state} />, r.status);
 */
export async function changeMemberRow(
  tx: TransactionSql,
  caller: MemberCaller,
  roles: RolePermissions,
  userId: string,
  change: MembershipChange,
  notice: (member: MembershipResult) => string,
): Promise<MemberRowOutcome> {
  const done = await attempt(tx, (sp) => updateMembership(sp, caller, roles, userId, change));
  const data = await usersPageData(tx, caller, roles);
  if (done.ok) return { status: 200, data, state: { notice: notice(done.value) } };
  const message = done.message ?? Object.values(done.errors)[0] ?? t('admin.users.not_changed');
  return { status: done.status, data, state: { rowError: { userId, message }, error: done.status === 404 ? message : undefined } };
}
