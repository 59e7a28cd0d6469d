import { layoutUser } from '#lib/pages/layout-user.ts';
import { mayWriteShared } from '#lib/macros/form.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { NewMacroBody } from '#views/macros/macro-form.tsx';
import { MacrosLayout } from '#views/macros/macros-page.tsx';

/** GET /app/macros/new — the new-macro form (the shared box for leads, admins and owners). */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'person',
  async handler({ c, db, caller: me }) {
    return c.html(
      <MacrosLayout user={await layoutUser(db, me)}>
        <NewMacroBody form={{ errors: {}, values: {} }} canShare={mayWriteShared(me.role)} />
      </MacrosLayout>,
    );
  },
});
