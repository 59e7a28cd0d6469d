import type { AuditPage } from '#lib/audit/log-query.ts';
import { Outcome, TextField, When } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { TableScroll } from '#views/table-scroll.tsx';

/** Builds the URL of this page with the filters, for the "Older" link and shareable filtered views. */
function pageUrl(values: Record<string, string>, cursor?: string | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v && k !== 'cursor' && k !== 'before') q.set(k, v);
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return s ? `/app/admin/audit?${s}` : '/app/admin/audit';
}

/**
 * The Audit log page's body: the filters (a GET form, so a filtered view is a shareable URL),
 * whether the hash chain is intact, and the entries newest first.
 */
export function AuditBody(props: { page: AuditPage | undefined; filters: FormState }) {
  const { page, filters } = props;
  return (
    <div id="admin-body">
      <form
        class="inline-form"
        method="get"
        action="/app/admin/audit"
        hx-get="/app/admin/audit"
        hx-target="#admin-body"
        hx-swap="outerHTML"
        hx-push-url="true"
        role="search"
        aria-label="Filter the audit log"
      >
        <TextField form="audit" label="Action" name="action" state={filters} placeholder="member. or api_key.create" hint="Exact, or a prefix ending in a dot." />
        <TextField form="audit" label="Target type" name="target_type" state={filters} placeholder="user, ticket, team" />
        <TextField form="audit" label="Actor (user id)" name="actor" state={filters} />
        <TextField form="audit" label="From" name="from" state={filters} placeholder="2026-01-31T00:00:00Z" />
        <TextField form="audit" label="To" name="to" state={filters} placeholder="2026-02-01T00:00:00Z" />
        <button type="submit">Filter</button>
      </form>
      {page ? (
        <>
          {page.chain_intact ? (
            <p class="notice" role="status" data-testid="chain">
              The audit chain is intact: no entry has been changed or removed.
            </p>
          ) : (
            <p class="error" role="alert" data-testid="chain">
              The audit chain is broken at entry {page.chain_broken_at}: an entry was changed or removed after it was written.
            </p>
          )}
          {page.items.length === 0 ? (
            <p class="muted">
              No entries match these filters. <a href="/app/admin/audit">Clear the filters</a> to see every entry.
            </p>
          ) : (
            <TableScroll label="Table of audit log entries">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((e) => (
                    <tr>
                      <td>{e.seq}</td>
                      <td>
                        <When at={e.at} />
                      </td>
                      <td>
                        <code>{e.action}</code>
                      </td>
                      <td class="small">{e.target_type ? `${e.target_type} ${e.target_id ?? ''}` : ''}</td>
                      <td class="small">
                        {e.actor_user_id ?? (e.actor_api_key_id ? `key ${e.actor_api_key_id}` : 'nobody signed in')}
                        {e.actor_ip ? <div class="muted">{e.actor_ip}</div> : null}
                      </td>
                      <td class="small">
                        <code>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {page.next_cursor ? (
            <p>
              <a href={pageUrl(filters.values, page.next_cursor)}>Older entries</a>
            </p>
          ) : null}
        </>
      ) : (
        <Outcome error="Fix the filters above to see the log." />
      )}
    </div>
  );
}
