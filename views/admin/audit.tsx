import type { AuditPage } from '#lib/audit/log-query.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import { Outcome, TextField, When } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { TableScroll } from '#views/table-scroll.tsx';

/** What the time filters look like: an ISO 8601 moment, the same in every language. */
const FROM_EXAMPLE = '2026-01-31T00:00:00Z';
const TO_EXAMPLE = '2026-02-01T00:00:00Z';

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
        aria-label={t('admin.audit.filter_label')}
      >
        <TextField form="audit" label={t('admin.audit.action')} name="action" state={filters} placeholder={t('admin.audit.action_placeholder')} hint={t('admin.audit.action_hint')} />
        <TextField form="audit" label={t('admin.audit.target_type')} name="target_type" state={filters} placeholder={t('admin.audit.target_type_placeholder')} />
        <TextField form="audit" label={t('admin.audit.actor_filter')} name="actor" state={filters} />
        <TextField form="audit" label={t('admin.audit.from')} name="from" state={filters} placeholder={FROM_EXAMPLE} />
        <TextField form="audit" label={t('admin.audit.to')} name="to" state={filters} placeholder={TO_EXAMPLE} />
        <button type="submit">{t('admin.audit.filter')}</button>
      </form>
      {page ? (
        <>
          {page.chain_intact ? (
            <p class="notice" role="status" data-testid="chain">
              {t('admin.audit.chain_intact')}
            </p>
          ) : (
            <p class="error" role="alert" data-testid="chain">
              {t('admin.audit.chain_broken', { seq: page.chain_broken_at ?? '' })}
            </p>
          )}
          {page.items.length === 0 ? (
            <p class="muted">{tRich('admin.audit.no_entries', { link: (chunks) => <a href="/app/admin/audit">{chunks}</a> })}</p>
          ) : (
            <TableScroll label={t('admin.audit.table_label')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('admin.audit.when')}</th>
                    <th scope="col">{t('admin.audit.action')}</th>
                    <th scope="col">{t('admin.audit.target')}</th>
                    <th scope="col">{t('admin.audit.actor')}</th>
                    <th scope="col">{t('admin.audit.details')}</th>
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
                        {e.actor_user_id ?? (e.actor_api_key_id ? t('admin.audit.actor_key', { id: e.actor_api_key_id }) : t('admin.audit.actor_nobody'))}
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
              <a href={pageUrl(filters.values, page.next_cursor)}>{t('admin.audit.older')}</a>
            </p>
          ) : null}
        </>
      ) : (
        <Outcome error={t('admin.audit.fix_filters')} />
      )}
    </div>
  );
}
