import { t } from '#lib/i18n/translate.ts';
import type { MemberRow } from '#lib/members/membership.ts';
import type { TeamJson } from '#lib/teams/team.ts';
import { CheckboxField, EMPTY_FORM, Outcome, Submit, TextField } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';

export interface TeamsState {
  create?: FormState;
  /** A refusal about one team's members, by team id. */
  teamError?: { teamId: string; message: string };
  notice?: string;
  error?: string;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** The Teams page's body: the create form, then each team with its member checkboxes. */
export function TeamsBody(props: { teams: TeamJson[]; staff: MemberRow[]; state?: TeamsState }) {
  const state = props.state ?? {};
  const create = state.create ?? EMPTY_FORM;
  return (
    <div id="admin-body">
      <Outcome notice={state.notice} error={state.error} />
      <section aria-labelledby="new-team-heading">
        <h2 id="new-team-heading">{t('admin.teams.new_heading')}</h2>
        <form class="inline-form" method="post" action="/app/admin/teams" hx-post="/app/admin/teams" {...SWAP}>
          <TextField form="team" label={t('admin.teams.name')} name="name" required maxlength={100} state={create} />
          <CheckboxField form="team" label={t('admin.teams.round_robin_label')} name="round_robin" checked={create.values.round_robin === 'on'} state={create} />
          <Submit>{t('admin.teams.create')}</Submit>
        </form>
      </section>
      <section aria-labelledby="teams-heading">
        <h2 id="teams-heading">{t('admin.nav.teams')}</h2>
        {props.teams.length === 0 ? <p class="muted">{t('admin.teams.empty')}</p> : null}
        {props.teams.map((team) => (
          <TeamCard team={team} staff={props.staff} error={state.teamError?.teamId === team.id ? state.teamError.message : undefined} />
        ))}
      </section>
    </div>
  );
}

function TeamCard(props: { team: TeamJson; staff: MemberRow[]; error: string | undefined }) {
  const { team } = props;
  const members = new Set(team.member_ids);
  return (
    <form class="card team" hx-post={`/app/admin/teams/${team.id}/members`} {...SWAP}>
      <fieldset>
        <legend>
          <strong>{team.name}</strong> <span class="muted small">{t('admin.teams.summary', { mode: team.round_robin ? 'round_robin' : 'manual', count: members.size })}</span>
        </legend>
        {props.error ? (
          <p class="field-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <div class="checks">
          {props.staff.map((m) => (
            <label class="check">
              <input type="checkbox" name={`member_${m.id}`} value="on" checked={members.has(m.id)} /> {m.name || m.email}
            </label>
          ))}
        </div>
        <button type="submit" class="secondary">
          {t('admin.teams.save_members', { name: team.name })}
        </button>
      </fieldset>
    </form>
  );
}
