import type { Child } from 'hono/jsx';
import { formatDateTime } from '#lib/i18n/format.ts';
import { priorityLabel, statusLabel, typeLabel } from '#lib/i18n/labels.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import type { HistoryEntry } from '#lib/tickets/history.ts';
import { liveTrigger } from '#views/live-events.tsx';
import { ticketPath } from './format.ts';

/** Names for the ids that history rows hold (assignees, teams). */
export type Names = ReadonlyMap<string, string>;

/** The ticket columns the audit trigger records changes of (sql/006_tickets.sql), by their words. */
const FIELD: Record<string, MessageKey> = {
  subject: 'ticket.field.subject',
  status: 'ticket.field.status',
  priority: 'ticket.field.priority',
  type: 'ticket.field.type',
  requester_id: 'ticket.field.requester',
  assignee_id: 'ticket.field.assignee',
  team_id: 'ticket.field.team',
  tags: 'ticket.field.tags',
  custom_fields: 'ticket.field.custom_fields',
  merged_into: 'ticket.field.merged_into',
};

const VALUE_LABEL: Record<string, (value: string) => string> = { status: statusLabel, priority: priorityLabel, type: typeLabel };

const bold = (chunks: Child[]) => <strong>{chunks}</strong>;

function show(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return t('history.none');
  if ((key === 'assignee_id' || key === 'team_id' || key === 'requester_id') && typeof value === 'string') return names.get(value) ?? t('history.gone');
  if (Array.isArray(value)) return value.length ? value.join(', ') : t('history.none');
  if (typeof value === 'object')
    return (
      Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ') || t('history.none')
    );
  const word = VALUE_LABEL[key];
  return word ? word(String(value)) : String(value);
}

/** The line of one entry, its actor in bold: one message per change, the first naming the actor. */
function describe(e: HistoryEntry, actor: string, names: Names): Child[] {
  switch (e.action) {
    case 'ticket.create':
      return [tRich('history.created', { actor, b: bold })];
    case 'ticket.reply':
      return [tRich('history.replied', { actor, b: bold })];
    case 'ticket.note':
      return [tRich('history.noted', { actor, b: bold })];
    case 'message.move':
      return [tRich('history.moved', { actor, from: String(e.details.from), b: bold })];
    case 'ticket.update': {
      const changes = Object.entries((e.details.changes ?? {}) as Record<string, [unknown, unknown]>);
      if (!changes.length) break;
      return changes.map(([k, [before, after]], i) => {
        const values = { field: FIELD[k] ? t(FIELD[k]) : k, from: show(k, before, names), to: show(k, after, names) };
        return i === 0 ? tRich('history.changed', { ...values, actor, b: bold }) : t('history.changed_more', values);
      });
    }
  }
  return [tRich('history.other', { actor, action: e.action, b: bold })];
}

/** The history tab: the ticket's audit log rows, newest first, re-fetched when the ticket changes. */
export function History(props: { number: number | string; entries: HistoryEntry[]; names: Names }) {
  return (
    <section
      id="history"
      class="history"
      aria-label={t('ticket.tab.history')}
      hx-get={ticketPath(props.number, '/history')}
      hx-trigger={liveTrigger(`ticket-${props.number}`, `ticket-${props.number}-thread`)}
      hx-swap="innerHTML"
    >
      <HistoryItems entries={props.entries} names={props.names} />
    </section>
  );
}

/** The entries alone: what GET /app/tickets/:number/history answers, swapped into `#history`. */
export function HistoryItems(props: { entries: HistoryEntry[]; names: Names }) {
  const entries = [...props.entries].reverse();
  return (
    <>
      {entries.length === 0 ? (
        <p class="muted">{t('history.empty')}</p>
      ) : (
        <ol>
          {entries.map((e) => {
            const actor = e.actor.name || e.actor.email || (e.actor.api_key_id ? t('history.actor_api_key') : t('history.actor_system'));
            return (
              <li data-testid="history-entry">
                <time datetime={e.at.toISOString()} class="muted small">
                  {formatDateTime(e.at)}
                </time>{' '}
                {describe(e, actor, props.names).map((line, i) => (i === 0 ? line : ['; ', line]))}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
