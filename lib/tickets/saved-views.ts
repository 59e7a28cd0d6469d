import * as v from 'valibot';
import { maxChars, notEmpty } from '#lib/http/validation-messages.ts';
import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { ROLES, type Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { checkViewFilters, type StoredFilters } from './view-filters.ts';
import { t } from '#lib/i18n/translate.ts';

/** A view's name as clients send it. */
export const viewName = v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(100, maxChars(100)));
export const viewPosition = v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000));

export interface ViewRow {
  id: string;
  name: string;
  owner_user_id: string | null;
  team_id: string | null;
  filters: StoredFilters;
  sort: string;
  position: number;
  created_at: Date;
}

const VIEW_COLUMNS = 'id, name, owner_user_id, team_id, filters, sort, position, created_at';

/**
 * The views the caller may see, by position and name: RLS (sql/009) gives their own personal
 * views, their teams' views, and every team view to admins and owners.
 *
 * @example
 * const views = await listViews(db);
 */
export async function listViews(tx: TransactionSql): Promise<ViewRow[]> {
  return tx<ViewRow[]>`select ${tx.unsafe(VIEW_COLUMNS)} from saved_views order by team_id is null, position, lower(name), id limit 200`;
}

/**
 * One view the caller may see; someone else's personal view and another org's are 404 alike.
 *
 * @example
 * const view = await findView(db, params.id);
 */
export async function findView(tx: TransactionSql, id: string): Promise<ViewRow> {
  const [row] = await tx<ViewRow[]>`select ${tx.unsafe(VIEW_COLUMNS)} from saved_views where id = ${id}`;
  if (!row) throw new HttpError(404, 'not_found', t('error.view_not_found', { id }));
  return row;
}

const atLeast = (role: Role, min: Role) => ROLES.indexOf(role) >= ROLES.indexOf(min);

/** Views belong to people: an API key has no one to own one. */
function viewOwner(caller: MemberCaller | ApiKeyCaller): MemberCaller {
  if (caller.kind !== 'member') throw new HttpError(403, 'forbidden', t('error.view_needs_person'));
  return caller;
}

/**
 * Who may change a view they can see, as the policies in sql/009 say: only its owner for a
 * personal view; for a team view a lead (who sees it only as a member of the team), an admin or
 * an owner. Team members below lead use a team view but do not edit it: 403, not a refused write.
 *
 * @example
 * assertMayEditView(caller, await findView(db, params.id));
 */
function assertMayEditView(caller: MemberCaller | ApiKeyCaller, view: ViewRow): void {
  const me = viewOwner(caller);
  const ok = view.team_id ? atLeast(me.role, 'lead') : view.owner_user_id === me.userId;
  if (!ok) throw new HttpError(403, 'forbidden', view.team_id ? t('error.team_view_change_forbidden') : t('error.personal_view_change_forbidden'));
}

/** A write the policies refused (0 rows) although the handler's own check passed: still a 403. */
const cannotChangeView = () => new HttpError(403, 'forbidden', t('error.view_change_forbidden'));

/**
 * Sharing a view with a team takes a lead or above who is in that team (admins and owners share
 * with any team): a view one could not see afterwards would be lost to its author.
 *
 * @example
 * if (body.team_id) await assertMayShareWith(db, caller, body.team_id);
 */
async function assertMayShareWith(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, teamId: string): Promise<void> {
  const me = viewOwner(caller);
  if (!atLeast(me.role, 'lead')) throw new HttpError(403, 'forbidden', t('error.view_share_needs_lead'));
  const [team] = await tx<{ member: boolean }[]>`
    select exists (select 1 from team_members tm where tm.team_id = t.id and tm.user_id = ${me.userId}) as member from teams t where t.id = ${teamId}`;
  if (!team) throw new HttpError(422, 'invalid_team', t('error.team_not_found', { id: teamId }));
  if (!team.member && !atLeast(me.role, 'admin')) throw new HttpError(403, 'forbidden', t('error.view_share_own_team'));
}

export interface NewView {
  name: string;
  filters: StoredFilters;
  sort: string;
  team_id?: string | undefined;
  position: number;
}

/**
 * Saves a view for the caller (a personal one, or the team's when `team_id` is given and they
 * may share with it), after checking its filters would run; returns the new row.
 *
 * @example
 * const view = await createView(db, caller, { name: 'VIP', filters: { tag: 'vip' }, sort: 'updated_desc', position: 0 });
 */
export async function createView(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, view: NewView): Promise<ViewRow> {
  const me = viewOwner(caller);
  if (view.team_id) await assertMayShareWith(tx, caller, view.team_id);
  await checkViewFilters(tx, view.filters);
  const [row] = await tx<{ id: string }[]>`
    insert into saved_views (org_id, name, owner_user_id, team_id, filters, sort, position)
    values (${me.orgId}, ${view.name}, ${view.team_id ? null : me.userId}, ${view.team_id ?? null}, ${tx.json(view.filters as never)}, ${view.sort}, ${view.position})
    returning id`;
  return findView(tx, row!.id);
}

export interface ViewPatch {
  name?: string | undefined;
  filters?: StoredFilters | undefined;
  sort?: string | undefined;
  position?: number | undefined;
}

/**
 * Changes a view the caller may edit (assertMayEditView): `filters` replaces the old ones whole,
 * after checking they would run. A write the policies refuse is a 403 all the same.
 *
 * @example
 * const view = await updateView(db, caller, params.id, { name: 'VIP, open' });
 */
export async function updateView(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, id: string, patch: ViewPatch): Promise<ViewRow> {
  assertMayEditView(caller, await findView(tx, id));
  if (patch.filters) await checkViewFilters(tx, patch.filters);
  const updated = await tx`
    update saved_views set
      name = coalesce(${patch.name ?? null}, name),
      filters = coalesce(${patch.filters ? tx.json(patch.filters as never) : null}::jsonb, filters),
      sort = coalesce(${patch.sort ?? null}, sort),
      position = coalesce(${patch.position ?? null}::integer, position)
    where id = ${id}
    returning id`;
  if (!updated.length) throw cannotChangeView();
  return findView(tx, id);
}

/**
 * Deletes a view; the same people who may change it may delete it.
 *
 * @example
 * await deleteView(db, caller, params.id);
 */
export async function deleteView(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, id: string): Promise<void> {
  assertMayEditView(caller, await findView(tx, id));
  const deleted = await tx`delete from saved_views where id = ${id} returning id`;
  if (!deleted.length) throw cannotChangeView();
}
