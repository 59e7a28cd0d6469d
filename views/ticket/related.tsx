import type { LinkJson } from '#lib/tickets/links.ts';
import { label, ticketPath } from './format.ts';

/** Linked tickets, and merges in both directions. */
export function Related(props: { mergedInto: string | null; mergedFrom: { number: number; subject: string }[]; links: LinkJson[] }) {
  return (
    <section class="related" aria-label="Related tickets">
      <h2>Related</h2>
      {props.mergedInto ? (
        <p class="notice">
          Merged into <a href={ticketPath(props.mergedInto)}>#{props.mergedInto}</a>
        </p>
      ) : null}
      {props.mergedFrom.length ? (
        <>
          <h3>Merged into this ticket</h3>
          <ul>
            {props.mergedFrom.map((t) => (
              <li>
                <a href={ticketPath(t.number)}>#{t.number}</a> {t.subject}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Linked tickets</h3>
      {props.links.length ? (
        <ul data-testid="links">
          {props.links.map((l) => (
            <li>
              <a href={ticketPath(l.number)}>#{l.number}</a> {l.subject} <span class="muted small">({label(l.status)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">None.</p>
      )}
    </section>
  );
}
