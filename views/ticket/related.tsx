import type { Child } from 'hono/jsx';
import { statusLabel } from '#lib/i18n/labels.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import type { LinkJson } from '#lib/tickets/links.ts';
import { ticketPath } from './format.ts';

/** Linked tickets, and merges in both directions. */
export function Related(props: { mergedInto: string | null; mergedFrom: { number: number; subject: string }[]; links: LinkJson[] }) {
  const into = props.mergedInto;
  return (
    <section class="related" aria-label={t('ticket.related.label')}>
      <h2>{t('ticket.related.title')}</h2>
      {into ? <p class="notice">{tRich('ticket.related.merged_into', { number: into, link: (chunks: Child[]) => <a href={ticketPath(into)}>{chunks}</a> })}</p> : null}
      {props.mergedFrom.length ? (
        <>
          <h3>{t('ticket.related.merged_from')}</h3>
          <ul>
            {props.mergedFrom.map((m) => (
              <li>
                <a href={ticketPath(m.number)}>#{m.number}</a> {m.subject}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('ticket.related.linked')}</h3>
      {props.links.length ? (
        <ul data-testid="links">
          {props.links.map((l) => (
            <li>
              <a href={ticketPath(l.number)}>#{l.number}</a> {l.subject} <span class="muted small">({statusLabel(l.status)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">{t('ticket.related.none')}</p>
      )}
    </section>
  );
}
