import type { Child } from 'hono/jsx';
import { priorityLabel, statusLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import { mayWrite } from '#lib/macros/form.ts';
import type { MacroRow } from '#lib/macros/model.ts';
import type { Role } from '#lib/db/tenant.ts';
import { Outcome } from '#views/admin/form.tsx';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { TableScroll } from '#views/table-scroll.tsx';

export interface Me {
  userId: string;
  role: Role;
}

export interface MacrosState {
  notice?: string | undefined;
  error?: string | undefined;
}

export const MACROS_SWAP = { 'hx-target': '#macros-body', 'hx-swap': 'outerHTML' } as const;

/** The shell of the macro pages: the app's top bar (Macros marked) and the page's body. */
export function MacrosLayout(props: { user: LayoutUser; children: Child }) {
  return (
    <Layout title={t('macros.title')} user={props.user} nav={<AppNav current="macros" />}>
      <h1>{t('macros.title')}</h1>
      {props.children}
    </Layout>
  );
}

/** What applying a macro does besides filling in its text. */
export function macroEffects(m: MacroRow): string {
  const parts = [
    m.internal ? t('macros.effect.internal_note') : t('macros.effect.public_reply'),
    m.set_status ? t('macros.effect.status', { status: statusLabel(m.set_status) }) : null,
    m.set_priority ? t('macros.effect.priority', { priority: priorityLabel(m.set_priority) }) : null,
    m.add_tags.length ? t('macros.effect.tags', { tags: m.add_tags.join(', ') }) : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * The body of /app/macros: the org's shared macros and the person's own, each with what it does.
 * Leads, admins and owners change shared ones; everyone changes their own.
 */
export function MacrosBody(props: { macros: MacroRow[]; me: Me; state?: MacrosState }) {
  const state = props.state ?? {};
  const shared = props.macros.filter((m) => m.owner_user_id === null);
  const mine = props.macros.filter((m) => m.owner_user_id !== null);
  return (
    <div id="macros-body">
      <Outcome notice={state.notice} error={state.error} />
      <p class="muted">{t('macros.intro')}</p>
      <p>
        <a class="button" href="/app/macros/new">
          {t('macros.new')}
        </a>
      </p>
      <MacroTable id="shared" title={t('macros.shared.title')} tableLabel={t('macros.shared.table_label')} empty={t('macros.shared.empty')} macros={shared} me={props.me} />
      <MacroTable id="mine" title={t('macros.mine.title')} tableLabel={t('macros.mine.table_label')} empty={t('macros.mine.empty')} macros={mine} me={props.me} />
    </div>
  );
}

function MacroTable(props: { id: string; title: string; tableLabel: string; empty: string; macros: MacroRow[]; me: Me }) {
  return (
    <section aria-labelledby={`macros-${props.id}-heading`}>
      <h2 id={`macros-${props.id}-heading`}>{props.title}</h2>
      {props.macros.length === 0 ? (
        <p class="muted">{props.empty}</p>
      ) : (
        <TableScroll label={props.tableLabel}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('macros.field.name')}</th>
                <th scope="col">{t('macros.field.body')}</th>
                <th scope="col">{t('macros.column.effects')}</th>
                <th scope="col">{t('macros.column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.macros.map((m) => (
                <tr id={`macro-${m.id}`}>
                  <td>
                    <a href={`/app/macros/${m.id}`}>{m.name}</a>
                  </td>
                  <td class="small">{m.body.length > 90 ? `${m.body.slice(0, 90)}…` : m.body || <span class="muted">{t('macros.no_text')}</span>}</td>
                  <td class="small">{macroEffects(m)}</td>
                  <td>
                    {mayWrite(m, props.me) ? (
                      <button
                        type="button"
                        class="secondary"
                        hx-post={`/app/macros/${m.id}/delete`}
                        hx-confirm={t('macros.delete_confirm', { name: m.name })}
                        {...MACROS_SWAP}
                        aria-label={t('macros.delete_label', { name: m.name })}
                      >
                        {t('common.delete')}
                      </button>
                    ) : (
                      <span class="muted small">{t('macros.shared_readonly_short')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
