import { layoutUser } from '#lib/pages/layout-user.ts';
import { loadCustomFields } from '#lib/custom-fields/values.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { NewTicketPage } from '#views/portal/new-ticket.tsx';

/** GET /portal/new — the new request form, with the custom fields shown to customers. */
export default endpoint({
  auth: { permission: 'tickets.create' },
  page: 'person',
  async handler({ c, db, caller }) {
    const fields = (await loadCustomFields(db)).filter((f) => f.visible_to_customers);
    const maxMb = Math.floor(c.var.deps.config.attachmentMaxBytes / (1024 * 1024));
    return c.html(<NewTicketPage user={await layoutUser(db, caller)} fields={fields} maxMb={maxMb} />);
  },
});
