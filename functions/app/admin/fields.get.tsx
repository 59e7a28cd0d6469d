import { pagePerson } from '../../../lib/admin/page-caller.ts';
import { layoutUser } from '../../../lib/http/layout-user.ts';
import { listFieldRows } from '../../../lib/tickets/field-definitions.ts';
import { endpoint } from '../../../lib/router/endpoint.ts';
import { AdminLayout } from '../../../views/admin/admin-layout.tsx';
import { FieldsBody } from '../../../views/admin/fields.tsx';

/** GET /app/admin/fields — the ticket's custom fields (archived ones too) and the form that adds one. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  async handler({ c, db, caller }) {
    return c.html(
      <AdminLayout user={await layoutUser(db, pagePerson(caller))} section="fields" title="Custom fields">
        <FieldsBody fields={await listFieldRows(db, { archived: true, customerView: false })} />
      </AdminLayout>,
    );
  },
});
