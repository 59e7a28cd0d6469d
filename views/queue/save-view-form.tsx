import type { TeamJson } from '#lib/teams/team.ts';

/**
 * "Save these filters as a view": it posts the filter form's current fields with a name (and,
 * for leads and above, a team to share with), then opens the new view. What went wrong is said
 * in #save-view-result.
 */
export function SaveViewForm(props: { teams: readonly TeamJson[]; error?: string }) {
  return (
    <details class="save-view" open={props.error ? true : undefined}>
      <summary>Save these filters as a view</summary>
      <form id="save-view" hx-post="/app/queues/views" hx-include="#queue-filters" hx-target="#save-view-result" hx-indicator="#save-view-busy" hx-disable="find button">
        <label for="save-view-name">
          <span>View name</span>
          <input id="save-view-name" name="view_name" required maxlength={100} autocomplete="off" />
        </label>
        {props.teams.length ? (
          <label for="save-view-team">
            <span>Who sees it</span>
            <select id="save-view-team" name="view_team">
              <option value="">Only me</option>
              {props.teams.map((t) => (
                <option value={t.id}>Team {t.name}</option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit">Save view</button>
        <span id="save-view-busy" class="htmx-indicator muted small">
          {' '}
          Saving…
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
      The view was not saved: {props.message}
    </p>
  );
}
