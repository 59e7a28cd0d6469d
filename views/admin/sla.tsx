import { t } from '#lib/i18n/translate.ts';
import type { CalendarJson } from '#lib/sla/calendar-store.ts';
import type { PolicyJson } from '#lib/sla/policies.ts';
import type { SlaState } from '#lib/pages/sla-list-change.ts';
import { Outcome } from './form.tsx';
import { TableScroll } from '#views/table-scroll.tsx';
import { calendarHours, conditionsSummary, targetsSummary } from './sla-summary.ts';

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** The SLA page's body: calendars with their hours, and policies in the order they are tried with their row actions. */
export function SlaBody(props: { calendars: CalendarJson[]; policies: PolicyJson[]; teams: { id: string; name: string }[]; state?: SlaState }) {
  const state = props.state ?? {};
  const names = new Map(props.calendars.map((c) => [c.id, c.name]));
  const teamNames = new Map(props.teams.map((team) => [team.id, team.name]));
  return (
    <div id="admin-body">
      <Outcome notice={state.notice} error={state.error} />
      <section aria-labelledby="calendars-heading">
        <h2 id="calendars-heading">{t('admin_sla.calendars.heading')}</h2>
        <p class="muted small">{t('admin_sla.calendars.intro')}</p>
        {props.calendars.length === 0 ? (
          <p class="muted">{t('admin_sla.calendars.empty')}</p>
        ) : (
          <TableScroll label={t('admin_sla.calendars.table_label')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin_sla.col.name')}</th>
                  <th scope="col">{t('admin_sla.col.time_zone')}</th>
                  <th scope="col">{t('admin_sla.col.hours')}</th>
                  <th scope="col">{t('admin_sla.col.holidays')}</th>
                </tr>
              </thead>
              <tbody>
                {props.calendars.map((c) => (
                  <tr>
                    <td>
                      <a href={`/app/admin/sla/calendars/${c.id}`}>{c.name}</a>
                    </td>
                    <td>{c.time_zone}</td>
                    <td class="small">{calendarHours(c)}</td>
                    <td>{c.holidays.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <p>
          <a class="button secondary" href="/app/admin/sla/calendars/new">
            {t('admin_sla.calendars.new')}
          </a>
        </p>
      </section>
      <section aria-labelledby="policies-heading">
        <h2 id="policies-heading">{t('admin_sla.policies.heading')}</h2>
        <p class="muted small">{t('admin_sla.policies.intro')}</p>
        {props.policies.length === 0 ? (
          <p class="muted">{t('admin_sla.policies.empty')}</p>
        ) : (
          <TableScroll label={t('admin_sla.policies.table_label')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin_sla.col.order')}</th>
                  <th scope="col">{t('admin_sla.col.name')}</th>
                  <th scope="col">{t('admin_sla.col.applies_to')}</th>
                  <th scope="col">{t('admin_sla.col.targets')}</th>
                  <th scope="col">{t('admin_sla.col.state')}</th>
                  <th scope="col">{t('admin_sla.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {props.policies.map((p, i) => (
                  <PolicyRow policy={p} order={i + 1} last={i === props.policies.length - 1} calendar={names.get(p.calendar_id) ?? p.calendar_id} teamNames={teamNames} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {props.calendars.length ? (
          <p>
            <a class="button secondary" href="/app/admin/sla/policies/new">
              {t('admin_sla.policies.new')}
            </a>
          </p>
        ) : null}
      </section>
    </div>
  );
}

function PolicyRow(props: { policy: PolicyJson; order: number; last: boolean; calendar: string; teamNames: ReadonlyMap<string, string> }) {
  const p = props.policy;
  const base = `/app/admin/sla/policies/${p.id}`;
  return (
    <tr id={`policy-${p.id}`}>
      <td>{props.order}</td>
      <td>
        <a href={base}>{p.name}</a>
        <div class="muted small">{t('admin_sla.policies.calendar_of', { name: props.calendar })}</div>
      </td>
      <td class="small">{conditionsSummary(p, props.teamNames)}</td>
      <td class="small">{targetsSummary(p)}</td>
      <td>{p.active ? <span class="badge badge-ok">{t('admin_sla.policies.active')}</span> : <span class="badge badge-off">{t('admin_sla.policies.off')}</span>}</td>
      <td>
        <div class="row-actions">
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/move`}
            hx-vals='{"direction":"up"}'
            {...SWAP}
            disabled={props.order === 1}
            aria-label={t('admin_sla.action.move_up_label', { name: p.name })}
          >
            {t('admin_sla.action.up')}
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/move`}
            hx-vals='{"direction":"down"}'
            {...SWAP}
            disabled={props.last}
            aria-label={t('admin_sla.action.move_down_label', { name: p.name })}
          >
            {t('admin_sla.action.down')}
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/active`}
            hx-vals={p.active ? '{"active":"off"}' : '{"active":"on"}'}
            {...SWAP}
            aria-label={p.active ? t('admin_sla.action.disable_label', { name: p.name }) : t('admin_sla.action.enable_label', { name: p.name })}
          >
            {p.active ? t('admin_sla.action.disable') : t('admin_sla.action.enable')}
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/delete`}
            hx-confirm={t('admin_sla.action.delete_row_confirm', { name: p.name })}
            {...SWAP}
            aria-label={t('admin_sla.action.delete_label', { name: p.name })}
          >
            {t('common.delete')}
          </button>
        </div>
      </td>
    </tr>
  );
}
