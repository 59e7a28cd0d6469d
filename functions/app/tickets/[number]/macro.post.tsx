import * as v from 'valibot';
import { readForm } from '#lib/http/form-body.ts';
import { uuid } from '#lib/http/schemas.ts';
import { applyMacro } from '#lib/macros/apply.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { composerMacros, loadSidebar } from '#lib/tickets/ticket-page.ts';
import { refusal } from '#lib/pages/form-errors.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { Composer } from '#views/ticket/composer.tsx';
import { label } from '#views/ticket/format.ts';
import { PropertiesBody } from '#views/ticket/properties.tsx';

const Form = v.object({
  macro_id: v.pipe(v.string(), v.minLength(1, 'Choose a macro first.'), uuid),
  body: v.optional(v.string(), ''),
  mode: v.optional(v.string(), 'reply'),
});

/**
 * POST /app/tickets/:number/macro — applies a macro: its status, priority and tags change the
 * ticket now, its text (placeholders filled) is added to the draft for the agent to read and
 * send. Answers the composer and the sidebar (an `hx-partial`); a refused change (a transition,
 * required fields) keeps the draft and says why, 422.
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'staff',
  params: ticketNumberParams,
  async handler({ c, db, caller: me, params }) {
    const form = await readForm(c, Form);
    const macros = await composerMacros(db);
    const draft = form.values.body ?? '';
    const mode = form.values.mode === 'note' ? 'note' : 'reply';
    if (!form.ok) return c.html(<Composer number={params.number} macros={macros} mode={mode} text={draft} error={form.errors.macro_id ?? 'Choose a macro first.'} />, 422);
    let applied;
    try {
      applied = await db.savepoint((sp) => applyMacro(sp, me, params.number, form.value.macro_id));
    } catch (err) {
      const refused = refusal(err);
      // A 404 is the ticket itself gone: the error page says so.
      if (refused.status === 404) throw err;
      return c.html(<Composer number={params.number} macros={macros} mode={mode} text={draft} error={refused.reason} />, 422);
    }
    const macro = macros.find((m) => m.id === form.value.macro_id);
    const text = draft.trim() ? `${draft.trimEnd()}\n\n${applied.text}` : applied.text;
    const notice = `Applied “${macro?.name ?? 'macro'}”${macro?.set_status ? `; status is now ${label(applied.ticket.status)}` : ''}. Review the text, then send.`;
    return c.html(
      <>
        <Composer number={params.number} macros={macros} mode={applied.internal ? 'note' : mode} text={text} notice={notice} />
        <hx-partial hx-target="#ticket-properties" hx-swap="innerHTML">
          <PropertiesBody {...await loadSidebar(db, params.number, applied.ticket)} />
        </hx-partial>
      </>,
    );
  },
});
