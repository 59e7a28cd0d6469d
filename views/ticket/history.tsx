import type { HistoryEntry } from '#lib/tickets/history.ts';
import { liveTrigger } from '#views/live-events.tsx';
import { label, ticketPath, when } from './format.ts';

/** Names for the ids that history rows hold (assignees, teams). */
export type Names = ReadonlyMap<string, string>;

function show(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return 'none';
  if ((key === 'assignee_id' || key === 'team_id' || key === 'requester_id') && typeof value === 'string') return names.get(value) ?? 'someone no longer here';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'object')
    return (
      Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ') || 'none'
    );
  return key === 'status' || key === 'priority' || key === 'type' ? label(String(value)) : String(value);
}

function describe(e: HistoryEntry, names: Names): string[] {
  switch (e.action) {
    case 'ticket.create':
      return ['created the ticket'];
    case 'ticket.reply':
      return ['replied publicly'];
    case 'ticket.note':
      return ['added an internal note'];
    case 'message.move':
      return [`moved a message here from #${String(e.details.from)}`];
    case 'ticket.update': {
      const changes = (e.details.changes ?? {}) as Record<string, [unknown, unknown]>;
      return Object.entries(changes).map(([k, [from, to]]) => `changed ${label(k.replace(/_id$/, ''))} from ${show(k, from, names)} to ${show(k, to, names)}`);
    }
    default:
      return [e.action];
  }
}

/** The history tab: the ticket's audit log rows, newest first, re-fetched when the ticket changes. */
export function History(props: { number: number | string; entries: HistoryEntry[]; names: Names }) {
  return (
    <section
      id="history"
      class="history"
      aria-label="History"
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
        <p class="muted">Nothing has happened yet.</p>
      ) : (
        <ol>
          {entries.map((e) => (
            <li data-testid="history-entry">
              <time datetime={e.at.toISOString()} class="muted small">
                {when(e.at)}
              </time>{' '}
              <strong>{e.actor.name || e.actor.email || (e.actor.api_key_id ? 'An API key' : 'The system')}</strong> {describe(e, props.names).join('; ')}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
