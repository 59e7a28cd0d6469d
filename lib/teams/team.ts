import * as v from 'valibot';
import { maxChars, notEmpty } from '#lib/http/validation-messages.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** A team's name as clients send it; unique per org without regard to case (sql/006_tickets.sql). */
export const teamName = v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(100, maxChars(100)));

/** A team as the API shows it: its members as user ids, in a stable order. */
export interface TeamJson {
  id: string;
  name: string;
  round_robin: boolean;
  member_ids: string[];
  created_at: Date;
}

const SELECT_TEAM = `t.id, t.name, t.round_robin, t.created_at,
  array(select tm.user_id from team_members tm where tm.org_id = t.org_id and tm.team_id = t.id order by tm.user_id) as member_ids`;

/**
 * The org's teams, by name. RLS keeps them to the caller's org.
 *
 * @example
 * return { items: await listTeams(db) };
 */
export async function listTeams(tx: TransactionSql): Promise<TeamJson[]> {
  return tx.unsafe<TeamJson[]>(`select ${SELECT_TEAM} from teams t order by lower(t.name), t.id limit 1000`);
}

/**
 * One team; another org's id is a 404, by RLS. `lock` holds the row until commit, so two
 * member-list replacements never interleave.
 *
 * @example
 * const team = await findTeam(db, params.id, { lock: true });
 */
export async function findTeam(tx: TransactionSql, id: string, opts: { lock?: boolean } = {}): Promise<TeamJson> {
  const [team] = await tx.unsafe<TeamJson[]>(`select ${SELECT_TEAM} from teams t where t.id = $1${opts.lock ? ' for update of t' : ''}`, [id]);
  if (!team) throw new HttpError(404, 'not_found', t('error.team_not_found', { id }));
  return team;
}
