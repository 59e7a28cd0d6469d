import { statusLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import type { StaffMember } from '#lib/staff/assignable.ts';
import { TICKET_STATUSES } from '#lib/tickets/model.ts';

/**
 * The bulk form: the rows' checkboxes belong to it (their `form="bulk-form"`), so it posts the
 * selected numbers with one action. htmx puts the per-ticket results in #bulk-result and
 * replaces each changed row in place.
 */
export function BulkBar(props: { staff: readonly StaffMember[] }) {
  return (
    <>
      <form id="bulk-form" class="bulk" hx-post="/app/queues/bulk" hx-target="#bulk-result" hx-indicator="#bulk-busy" hx-disable="find button">
        <fieldset>
          <legend>{t('queue.bulk.legend')}</legend>
          <label>
            <span>{t('queue.bulk.action_label')}</span>
            <select name="action">
              <option value="assign">{t('queue.bulk.action.assign')}</option>
              <option value="status">{t('queue.bulk.action.status')}</option>
              <option value="tag_add">{t('queue.bulk.action.tag_add')}</option>
              <option value="tag_remove">{t('queue.bulk.action.tag_remove')}</option>
              <option value="merge">{t('queue.bulk.action.merge')}</option>
            </select>
          </label>
          <label>
            <span>{t('queue.field.assignee')}</span>
            <select name="assignee">
              <option value="me">{t('queue.me')}</option>
              <option value="none">{t('queue.bulk.unassign')}</option>
              {props.staff.map((s) => (
                <option value={s.id}>{s.name}</option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('queue.field.status')}</span>
            <select name="status">
              {TICKET_STATUSES.filter((s) => s !== 'closed' && s !== 'new').map((s) => (
                <option value={s}>{statusLabel(s)}</option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('queue.field.tags')}</span>
            <input type="text" name="tags" placeholder={t('queue.bulk.tags_placeholder')} />
          </label>
          <label>
            <span>{t('queue.bulk.merge_into')}</span>
            <input type="text" name="into" inputmode="numeric" pattern="[0-9]*" />
          </label>
          <button type="submit">{t('queue.bulk.submit')}</button>
          <span id="bulk-busy" class="htmx-indicator muted small">
            {t('queue.bulk.working')}
          </span>
        </fieldset>
      </form>
      <div id="bulk-result" aria-live="polite"></div>
    </>
  );
}
