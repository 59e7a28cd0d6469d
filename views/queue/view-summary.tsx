import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import type { ViewRow } from '#lib/tickets/saved-views.ts';
import { SORT_LABELS } from './sort-labels.ts';

/** The names of a view's filters (lib/tickets/list.ts); one the catalogue has no word for is shown as stored. */
const FILTERS: Record<string, MessageKey> = {
  status: 'queue.field.status',
  priority: 'queue.field.priority',
  assignee: 'queue.field.assignee',
  team: 'queue.field.team',
  requester: 'queue.field.requester',
  tag: 'queue.field.tag',
  q: 'queue.filter.words',
  created_after: 'queue.view.created_after',
  created_before: 'queue.view.created_before',
  updated_after: 'queue.view.updated_after',
  updated_before: 'queue.view.updated_before',
};

function filterName(name: string): string {
  const key = FILTERS[name];
  return key ? t(key) : name;
}

/** What a saved view shows, in words, above its tickets (views are edited through /api/v1/views). */
export function ViewSummary(props: { view: ViewRow }) {
  const { cf, ...rest } = props.view.filters;
  const parts = Object.entries(rest).map(([k, value]) => t('queue.view.filter', { name: filterName(k), value: String(value) }));
  if (cf && typeof cf === 'object') for (const [k, value] of Object.entries(cf)) parts.push(t('queue.view.filter', { name: k, value: String(value) }));
  const sort = SORT_LABELS.find(([s]) => s === props.view.sort)?.[1];
  return (
    <p class="muted small view-summary">
      {t('queue.view.summary', {
        scope: props.view.team_id ? t('queue.view.team') : t('queue.view.personal'),
        filters: parts.length ? parts.join(' · ') : t('queue.view.every_ticket'),
        sort: sort ? t(sort) : props.view.sort,
      })}
    </p>
  );
}
