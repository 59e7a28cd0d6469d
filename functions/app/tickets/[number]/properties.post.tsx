import { t } from '#lib/i18n/translate.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { saveSidebarForm } from '#lib/tickets/sidebar-save.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { PropertiesBody } from '#views/ticket/properties.tsx';

/**
 * POST /app/tickets/:number/properties — saves the sidebar's fields that the form holds (the
 * Solve button sends only `status`), through updateTicket, so transitions and required fields
 * are checked as in the API. Answers the sidebar: "Saved.", or 422 with the reason and the
 * ticket as it still is.
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'staff',
  params: ticketNumberParams,
  async handler({ c, db, caller, params }) {
    const saved = await saveSidebarForm(c, db, caller, params.number);
    if (!saved.ok) return c.html(<PropertiesBody {...saved.sidebar} error={saved.error} />, 422);
    return c.html(<PropertiesBody {...saved.sidebar} notice={t('ticket.properties.saved')} />);
  },
});
