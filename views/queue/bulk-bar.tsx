import type { StaffMember } from '#lib/staff/assignable.ts';
import { TICKET_STATUSES } from '#lib/tickets/model.ts';
import { statusLabel } from './format.ts';

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
          <legend>Selected tickets</legend>
          <label>
            <span>Action</span>
            <select name="action">
              <option value="assign">Assign to</option>
              <option value="status">Set status</option>
              <option value="tag_add">Add tags</option>
              <option value="tag_remove">Remove tags</option>
              <option value="merge">Merge into ticket</option>
            </select>
          </label>
          <label>
            <span>Assignee</span>
            <select name="assignee">
              <option value="me">Me</option>
              <option value="none">Nobody (unassign)</option>
              {props.staff.map((s) => (
                <option value={s.id}>{s.name}</option>
              ))}
            </select>
          </label>
          <label>
            <span>Status</span>
            <select name="status">
              {TICKET_STATUSES.filter((s) => s !== 'closed' && s !== 'new').map((s) => (
                <option value={s}>{statusLabel(s)}</option>
              ))}
            </select>
          </label>
          <label>
            <span>Tags</span>
            <input type="text" name="tags" placeholder="billing, vip" />
          </label>
          <label>
            <span>Merge into #</span>
            <input type="text" name="into" inputmode="numeric" pattern="[0-9]*" />
          </label>
          <button type="submit">Apply to selected</button>
          <span id="bulk-busy" class="htmx-indicator muted small">
            Working…
          </span>
        </fieldset>
      </form>
      <div id="bulk-result" aria-live="polite"></div>
    </>
  );
}
