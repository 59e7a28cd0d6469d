import { t } from '#lib/i18n/translate.ts';
import type { TeamJson } from '#lib/teams/team.ts';

/**
 * "Save these filters as a view": it posts the filter form's current fields with a name (and,
 * for leads and above, a team to share with), then opens the new view. What went wrong is said
 * in #save-view-result.
 */
export function SaveViewForm(props: { teams: readonly TeamJson[]; error?: string }) {
  return (
    <details class="save-view" open={props.error ? true : undefined}>
      <summary>{t('queue.save_view.summary')}</summary>
      <form id="save-view" hx-post="/app/queues/views" hx-include="#queue-filters" hx-target="#save-view-result" hx-indicator="#save-view-busy" hx-disable="find button">
        <label for="save-view-name">
          <span>{t('queue.save_view.name')}</span>
          <input id="save-view-name" name="view_name" required maxlength={100} autocomplete="off" />
        </label>
        {props.teams.length ? (
          <label for="save-view-team">
            <span>{t('queue.save_view.who')}</span>
            <select id="save-view-team" name="view_team">
              <option value="">{t('queue.save_view.only_me')}</option>
              {props.teams.map((team) => (
                <option value={team.id}>{t('queue.save_view.team', { name: team.name })}</option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit">{t('queue.save_view.submit')}</button>
        <span id="save-view-busy" class="htmx-indicator muted small">
          {' '}
          {t('queue.save_view.saving')}
        </span>
        <div id="save-view-result" role="status"></div>
      </form>
    </details>
  );
}

/** Why a view was not saved, swapped into #save-view-result. */
export function SaveViewError(props: { message: string }) {
  return (
    <p class="error" role="alert">
      {t('queue.save_view.not_saved', { reason: props.message })}
    </p>
  );
}
