import type { MessageKey } from '#lib/i18n/locales.ts';
import type { TicketSort } from '#lib/tickets/list.ts';

/** The ticket lists' sorts in words, in the order the filter form offers them. */
export const SORT_LABELS: readonly (readonly [sort: TicketSort, label: MessageKey])[] = [
  ['updated_desc', 'queue.sort.updated_desc'],
  ['updated_asc', 'queue.sort.updated_asc'],
  ['created_desc', 'queue.sort.created_desc'],
  ['created_asc', 'queue.sort.created_asc'],
];
