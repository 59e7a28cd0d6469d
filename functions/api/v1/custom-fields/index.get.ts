import * as v from 'valibot';
import { mustBeAny } from '#lib/http/validation-messages.ts';
import { readerRole } from '#lib/tickets/caller-view.ts';
import { listFieldRows } from '#lib/custom-fields/definitions.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/custom-fields — the ticket field definitions in display order. Customers get only
 * those visible to customers; staff may add `archived=true` to include archived ones.
 */
export default endpoint({
  auth: { permission: 'org.read' },
  query: v.object({ archived: v.optional(v.picklist(['true', 'false'], mustBeAny(["'true'", "'false'"])), 'false') }),
  async handler({ db, caller, query }) {
    const customerView = readerRole(caller) === 'customer';
    return { items: await listFieldRows(db, { archived: query.archived === 'true' && !customerView, customerView }) };
  },
});
