import type { ViewRow } from '#lib/tickets/saved-views.ts';

/** What a saved view shows, in words, above its tickets (views are edited through /api/v1/views). */
export function ViewSummary(props: { view: ViewRow }) {
  const { cf, ...rest } = props.view.filters;
  const parts = Object.entries(rest).map(([k, value]) => `${k.replace(/_/g, ' ')}: ${String(value)}`);
  if (cf && typeof cf === 'object') for (const [k, value] of Object.entries(cf)) parts.push(`${k}: ${String(value)}`);
  return (
    <p class="muted small view-summary">
      {props.view.team_id ? 'Team view' : 'Personal view'} · {parts.length ? parts.join(' · ') : 'every ticket'} · sorted by {props.view.sort.replace('_', ' ')}
    </p>
  );
}
