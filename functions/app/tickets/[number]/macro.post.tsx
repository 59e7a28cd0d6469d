import { statusLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import { applyMacroFromComposer } from '#lib/macros/composer-apply.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { loadSidebar } from '#lib/tickets/ticket-page.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { Composer } from '#views/ticket/composer.tsx';
import { PropertiesBody } from '#views/ticket/properties.tsx';

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
  async handler({ c, db, caller, params }) {
    const done = await applyMacroFromComposer(c, db, caller, params.number);
    if (!done.ok) return c.html(<Composer number={params.number} macros={done.macros} mode={done.mode} text={done.draft} error={done.error} />, 422);
    const name = done.macro?.name ?? t('ticket.composer.macro_fallback');
    const notice = done.macro?.set_status ? t('ticket.composer.macro_applied_status', { name, status: statusLabel(done.ticket.status) }) : t('ticket.composer.macro_applied', { name });
    return c.html(
      <>
        <Composer number={params.number} macros={done.macros} mode={done.mode} text={done.text} notice={notice} />
        <hx-partial hx-target="#ticket-properties" hx-swap="innerHTML">
          <PropertiesBody {...(await loadSidebar(db, params.number, done.ticket))} />
        </hx-partial>
      </>,
    );
  },
});
